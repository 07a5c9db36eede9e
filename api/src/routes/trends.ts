import { badRequest, type ClickHouse, COPY_DEFINITION } from '@rift/core';
import type { FastifyInstance } from 'fastify';
import { errorBodySchema } from '../errors.ts';
import { ALLOWED, cachedTrends, CHANGE_POINT_METHOD, changePoints, type ConfidenceField, type Copies, copiesProperty, FILTER_MAX_LENGTH, type FilterName, FILTERS, GRANULARITIES, type Granularity, GROUP_BY, type GroupBy, METRIC_NAMES, type MetricDefinition, type MetricName, METRICS, needsTopicRollup, parseFilters, postFilterProperties, queryDataExtent, querySliceComposition, queryTrends, resolveRange, syntheticSources, type Unit } from '@rift/queries';

type TrendsQuerystring = {
  metric: MetricName;
  group_by: GroupBy;
  granularity: Granularity;
  from?: string;
  to?: string;
  min_confidence?: number;
  confidence_on: ConfidenceField;
  unit: Unit;
  synthetic: 'include' | 'exclude';
  copies: Copies;
} & Partial<Record<FilterName, string>>;

const filterProperties = Object.fromEntries(
  FILTERS.map((name) => [
    name,
    {
      type: 'string',
      maxLength: FILTER_MAX_LENGTH,
      // The dashboard's Explorer builds its pickers from the "one of:" list.
      description: `Comma-separated ${name} values to keep${ALLOWED[name] ? `; one of: ${ALLOWED[name].join(', ')}.` : ''}`,
    },
  ]),
);

const querystring = {
  type: 'object',
  additionalProperties: false,
  properties: {
    metric: { type: 'string', enum: METRIC_NAMES, default: 'volume', description: 'What to measure; each answer gives its definition' },
    group_by: { type: 'string', enum: GROUP_BY, default: 'none', description: 'One series per value of this dimension' },
    granularity: { type: 'string', enum: GRANULARITIES, default: 'day', description: 'Bucket size (UTC; weeks start on Monday)' },
    from: { type: 'string', maxLength: 40, description: 'ISO 8601 date or date-time, inclusive (UTC if no zone)' },
    to: { type: 'string', maxLength: 40, description: 'ISO 8601 date or date-time, exclusive (UTC if no zone)' },
    ...filterProperties,
    min_confidence: postFilterProperties.min_confidence,
    confidence_on: postFilterProperties.confidence_on,
    unit: {
      type: 'string',
      enum: ['post', 'author'],
      default: 'post',
      description: "post: every post counts once. author: each author's on-topic posts in the bucket are averaged first, then the authors (volume counts distinct authors)",
    },
    synthetic: {
      type: 'string',
      enum: ['include', 'exclude'],
      default: 'include',
      description: 'exclude leaves out the sources whose posts in the window are all synthetic (the demo corpus)',
    },
    ...copiesProperty('all'),
  },
} as const;

const compositionSchema = {
  type: 'object',
  required: ['posts', 'synthetic_posts', 'sources', 'exact'],
  description: 'The posts behind this answer (window and filters): how many, how many synthetic, from which sources',
  properties: {
    posts: { type: 'integer' },
    synthetic_posts: { type: 'integer' },
    sources: { type: 'array', items: { type: 'string' } },
    exact: { type: 'boolean', description: 'false when a source mixes synthetic and real posts, so synthetic_posts is apportioned' },
  },
} as const;

const pointSchema = {
  type: 'object',
  required: ['t', 'value', 'n'],
  properties: {
    t: { type: 'string' },
    value: { type: 'number' },
    n: { type: 'integer' },
    n_posts: { type: 'integer', description: 'Posts the value is computed over (the same as n); shares and means count on-topic posts only' },
    n_authors: { type: 'integer', description: 'Distinct authors of those posts (of every post in the bucket for volume and volume_share_of_source)' },
    n_off_topic: { type: 'integer', description: 'Posts of the bucket and series that mention none of the topic pack\'s relevance terms, left out of shares and means' },
    denominator: { type: 'integer', description: "volume_share_of_source only: all posts from the series' source(s) in the bucket" },
  },
} as const;

const responseSchema = {
  type: 'object',
  required: ['metric', 'unit', 'granularity', 'group_by', 'definition', 'from', 'to', 'series', 'notes', 'synthetic', 'composition'],
  properties: {
    metric: { type: 'string' },
    unit: { type: 'string' },
    copies: { type: 'string' },
    granularity: { type: 'string' },
    group_by: { type: 'string' },
    definition: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    filters: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
    min_confidence: { type: 'number', description: 'Present when the trend kept only posts at or above this confidence' },
    confidence_on: { type: 'string', description: 'Which confidence min_confidence tested' },
    notes: { type: 'array', items: { type: 'string' } },
    change_point_method: { type: 'string' },
    synthetic: { type: 'string' },
    composition: compositionSchema,
    series: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'points'],
        properties: {
          key: { type: 'string' },
          points: { type: 'array', items: pointSchema },
          change_points: {
            type: 'array',
            description: 'Where the series\' level shifts (see change_point_method): t is the first point of the new level',
            items: {
              type: 'object',
              required: ['t', 'before', 'after', 'size'],
              properties: { t: { type: 'string' }, before: { type: 'number' }, after: { type: 'number' }, size: { type: 'number' } },
            },
          },
        },
      },
    },
  },
} as const;

const AUTHOR_NOTE =
  "Per author (unit=author): each author's on-topic posts in a bucket are averaged first, then the authors; read from the stored posts, not the rollups. Volume counts distinct authors.";

const COPIES_NOTE = `Copies counted once (copies=once): each copy cluster of the window counts once, in the bucket of its first post; read from the stored posts, not the rollups. ${COPY_DEFINITION}`;

const confidenceNote = (min: number, on: ConfidenceField) =>
  `Only posts whose ${on} confidence is at least ${min} are counted (min_confidence): read from the stored posts, not the rollups.`;

const TOPIC_RULE = 'a post with several of the selected topics counts once per topic, and posts without a topic are not included.';
const topicNote = (fromPosts: boolean) => (fromPosts ? `By topic: ${TOPIC_RULE}` : `Read from the per-topic rollup: ${TOPIC_RULE}`);

/**
 * GET /api/trends: one metric over time, per series, from the rollups (daily ones for day and
 * week buckets, hourly ones otherwise; from the raw posts when min_confidence is given). Buckets without
 * posts are left out (no value exists for a share of nothing); the window rules are in
 * time-range.ts and every default or caveat that applied is listed in `notes`.
 */
export function trendsRoute(app: FastifyInstance, clickhouse: ClickHouse): void {
  app.get<{ Querystring: TrendsQuerystring }>(
    '/api/trends',
    {
      schema: {
        summary: 'A metric over time, per series, from the rollups',
        description: `One point per bucket and series with its value and n (volume_share_of_source also gives the denominator). Buckets without posts are left out; defaults and caveats are listed in notes. The metrics:\n\n${METRIC_NAMES.map((m) => `- \`${m}\`: ${METRICS[m].definition}`).join('\n')}`,
        querystring,
        response: { 200: responseSchema, 400: errorBodySchema, 503: errorBodySchema },
      },
    },
    async (request) => {
      const q = request.query;
      // Its denominator comes from the rollups, which keep no confidence, so the two would not match.
      if (q.metric === 'volume_share_of_source' && q.min_confidence !== undefined) {
        throw badRequest('volume_share_of_source cannot take min_confidence: the share of all posts from a source is counted over every post, whatever its confidence');
      }
      if (q.metric === 'volume_share_of_source' && q.copies === 'once') {
        throw badRequest('volume_share_of_source cannot take copies=once: its denominator, all posts from the source, comes from the rollups, which count every copy');
      }
      if (q.unit === 'author' && !(METRICS[q.metric] as MetricDefinition).perPost && !(METRICS[q.metric] as MetricDefinition).counted) {
        throw badRequest(`${q.metric} has no per-author form: use unit=post`);
      }
      const filters = parseFilters(q);
      const range = await resolveRange({ from: q.from, to: q.to, granularity: q.granularity }, () =>
        queryDataExtent(clickhouse),
      );
      const hidden = q.synthetic === 'exclude' ? await syntheticSources(clickhouse, range.from, range.to) : undefined;
      const excludeSources = hidden?.sources.length ? hidden.sources : undefined;
      const [series, composition] = await Promise.all([
        cachedTrends(clickhouse, {
          metric: q.metric,
          groupBy: q.group_by,
          granularity: q.granularity,
          from: range.from,
          to: range.to,
          filters,
          confidence: q.min_confidence === undefined ? undefined : { min: q.min_confidence, on: q.confidence_on },
          unit: q.unit,
          excludeSources,
          copies: q.copies,
        }, queryTrends),
        querySliceComposition(clickhouse, { from: range.from, to: range.to, filters }, excludeSources),
      ]);
      const notes = [...range.notes];
      if (excludeSources) notes.push(`Synthetic posts hidden: left out the wholly synthetic source(s) ${excludeSources.join(', ')}.`);
      if (hidden?.mixed.length) notes.push(`Source(s) ${hidden.mixed.join(', ')} mix synthetic and real posts and were kept.`);
      if (needsTopicRollup(q.group_by, filters)) notes.push(topicNote(q.min_confidence !== undefined));
      if (q.min_confidence !== undefined) notes.push(confidenceNote(q.min_confidence, q.confidence_on));
      if (q.unit === 'author') notes.push(AUTHOR_NOTE);
      if (q.copies === 'once') notes.push(COPIES_NOTE);
      return {
        metric: q.metric,
        unit: q.unit,
        copies: q.copies,
        granularity: q.granularity,
        group_by: q.group_by,
        definition: METRICS[q.metric].definition,
        from: range.from.toISOString(),
        to: range.to.toISOString(),
        filters,
        ...(q.min_confidence === undefined ? {} : { min_confidence: q.min_confidence, confidence_on: q.confidence_on }),
        notes,
        synthetic: q.synthetic,
        composition,
        change_point_method: CHANGE_POINT_METHOD,
        series: series.map((s) => ({
          ...s,
          change_points: changePoints(s.points.map((p) => p.value)).map((c) => ({ t: s.points[c.index]!.t, before: c.before, after: c.after, size: c.after - c.before })),
        })),
      };
    },
  );
}
