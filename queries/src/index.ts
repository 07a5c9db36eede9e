// The front door of @rift/queries: what each number means. The SQL of trends, the divide, gaps,
// summaries, movers and slices of posts, each with its definition and method beside it, and the
// statistics they use (queries/src/stats). The API, the alert engine, the CLI and the bench read
// through it. Its package.json exports only this file.
export { queryAuthorPoints } from './author-trends.ts';
export { type CorrectionOptions, correctionOptionsFromConfig, correctionPlan } from './confusion-matrices.ts';
export { type Copies, copiesProperty } from './copies.ts';
export { ALLOWED, FILTER_MAX_LENGTH, type FilterName, FILTERS, type Filters, GROUP_BY, type GroupBy, needsTopicRollup, parseFilter, parseFilters } from './dimensions.ts';
export { queryDivideMoments } from './divide-moments.ts';
export { type DivideReadPath, divideReadPath } from './divide-rollup.ts';
export { DIVIDE_DEFINITION, DIVIDE_METHOD, type DivideResult, queryDivide, t975, wilson } from './divide.ts';
export { type Gap, GAPS_DEFINITION, queryGaps } from './gaps.ts';
export { METRIC_NAMES, type MetricDefinition, type MetricName, METRICS } from './metrics.ts';
export { queryMovers } from './movers.ts';
export { decodeCursor, queryPostPage } from './post-page.ts';
export { type ConfidenceField, describePostQuery, KEYWORD_MAX_LENGTH, parsePostQuery, postFilterProperties, type PostQuery, type PostQueryInput } from './post-query.ts';
export { DAILY, HOURLY } from './rollup-choice.ts';
export { SLICE_ORDER, sliceSql } from './slice.ts';
export { CHANGE_POINT_METHOD, changePoints } from './stats/change-points.ts';
export { type AuthorMoments, stanceIndex, type Unit, VECTOR_LENGTH, VECTOR_STANCES } from './stats/clustered.ts';
export { querySummary } from './summary.ts';
export { querySliceComposition, syntheticSources } from './synthetic-share.ts';
export { ceilToBucket, floorToBucket, GRANULARITIES, type Granularity, parseInstant, resolveRange } from './time-range.ts';
export { cachedTrends, trendCacheSettings } from './trend-cache.ts';
export { type TrendRequest, type TrendSeries } from './trend-request.ts';
export { queryDataExtent, queryTrendPoints, queryTrends, trendSql } from './trends.ts';
