import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type ClickHouse, COPY_DEFINITION, REPO_ROOT, type TopicPack, trustedSql } from '@rift/core';
import { ceilToBucket, describePostQuery, DIVIDE_DEFINITION, DIVIDE_METHOD, floorToBucket, type Gap, GAPS_DEFINITION, type PostQuery, queryGaps, sliceSql } from '@rift/queries';
import { DIVIDE_UNIT_PROPERTIES } from '../routes/divide.ts';
import type { ExportRequest } from './request.ts';
import { describeColumns, type ExportColumn } from './dictionary.ts';
import { LIST_SEPARATOR, type ExportFormat } from './format.ts';
import { readModelAccuracy } from './model-metrics.ts';

/**
 * The methodology sidecar of an export: what was asked, what the slice held when it was
 * counted, which models and topic pack produced the labels, and the definitions needed to
 * read the file. Written beside every CLI export and served at /api/export/methodology.
 */

/** Read once: the version of the Rift that produced the file. */
export const SOFTWARE_VERSION: string = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export interface SliceStats {
  rows: number;
  /** Rows of the generated demo corpus (synthetic = true). */
  synthetic: number;
  first: string | null;
  last: string | null;
  model_versions: string[];
}

/** Rows in the slice, the span they cover and the model versions that labelled them. */
export async function querySliceStats(clickhouse: ClickHouse, query: PostQuery): Promise<SliceStats> {
  const rows = await clickhouse.query<{ n: string | number; synthetic: string | number; first: number; last: number; versions: string[] }>(
    sliceSql(clickhouse, query, {
      select: trustedSql(
        'count() AS n, countIf(synthetic = 1) AS synthetic, toUInt32(min(created_at)) AS first, toUInt32(max(created_at)) AS last, groupUniqArray(model_version) AS versions',
      ),
      columns: ['model_version', 'synthetic'],
    }),
  );
  const row = rows[0];
  const n = Number(row?.n ?? 0);
  if (!row || n === 0) return { rows: 0, synthetic: 0, first: null, last: null, model_versions: [] };
  return {
    rows: n,
    synthetic: Number(row.synthetic),
    first: new Date(row.first * 1000).toISOString(),
    last: new Date(row.last * 1000).toISOString(),
    model_versions: [...row.versions].sort(),
  };
}

/** How to read any Rift export; stated in every sidecar so the file stands on its own. */
export const EXPORT_DEFINITIONS = {
  unit: 'One row per post (source + id), at its newest stored analysis; replaced analyses are not exported. With copies=once, one row per copy cluster: its first post in the slice.',
  order: 'Rows are sorted by created_at, then source, then id, so the same slice of the same data is the same file.',
  time: 'created_at is UTC. from is inclusive and to exclusive: [from, to).',
  filters:
    'Comma-separated values of one filter are alternatives (OR); different filters must all hold (AND). topic keeps posts having any of the topics (each post once). q keeps posts whose text contains it, ignoring case. min_confidence keeps posts whose confidence named by confidence_on (default stance) is at least the value.',
  csv: `RFC 4180: UTF-8, header line, CRLF line ends; every cell but a number is in double quotes, with quotes doubled (text, lists, booleans as "true"/"false", times as "2024-06-03T09:00:00Z"). Lists are joined with "${LIST_SEPARATOR}". Empty text is an empty quoted cell. bom=true puts a UTF-8 byte-order mark before the header (for Excel with Chinese text); the default is none.`,
  formula_neutralisation:
    "By default (csv_safe=true, for spreadsheets), a CSV text cell whose first character is =, +, -, @, their fullwidth forms (U+FF1D, U+FF0B, U+FF0D, U+FF20), any whitespace (space, no-break space, tab, line feed, carriage return, ideographic space and the other Unicode spaces; spreadsheets may trim it before reading a formula) or an apostrophe gets a leading apostrophe ('), so spreadsheets show it instead of running it as a formula. Removing one leading apostrophe from any text cell that starts with one gives the exact text. Numeric cells are never changed. csv_safe=false (for analysis tools) writes every text exactly; JSONL always holds the exact text.",
  nul: 'A NUL character (U+0000) never reaches an export: CSV and JSONL write it as U+FFFD (the replacement character), with or without csv_safe.',
  counts:
    'row_count is counted when this file is made. The export is a separate query: if posts were added or re-scored in between, compare its rows with row_count.',
  limits: 'None: exports are not capped or sampled; every row of the slice is written.',
  synthetic: 'Posts with synthetic = true come from the generated demo corpus and are not real.',
  on_topic:
    "A post whose matched_terms is empty mentions none of the topic pack's relevance terms: it is off topic. The export keeps it; Rift's shares, means and the divide leave it out and count it apart (n_off_topic).",
  divide: `GET /api/divide reads the same slices with unit=post|author, copies=all|once and correction=none|confusion. ${DIVIDE_DEFINITION} ${DIVIDE_METHOD}`,
  counting:
    'counting records how this slice is to be read, as chosen in the request: unit and correction say how shares of it are computed (the rows are the same either way); copies says whether the file holds every post or the first post of each copy cluster.',
  gaps: `gaps lists the hours, within gaps_window (from the slice's first post to its last, widened to whole hours; none for an empty slice) and for the slice's sources (all when it names none), in which a source may have missed posts. ${GAPS_DEFINITION}`,
  synthetic_rows: 'synthetic_rows counts the rows of the slice with synthetic = true, counted with row_count.',
  model_accuracy:
    "model_accuracy gives, for each model that labels posts, the figures its own evaluation shipped in analyze/models (validation and cross-validation, per language) and whether the slice's model_version names it; \"not measured\" where no figures ship.",
};

/** The gaps of the slice's sources over the whole hours its own posts span, first to last. */
async function sliceGaps(clickhouse: ClickHouse, query: PostQuery, stats: SliceStats): Promise<{ window: { from: string; to: string } | null; gaps: Gap[] }> {
  if (stats.first === null || stats.last === null) return { window: null, gaps: [] };
  // The last post's hour is part of the window: ceil of a time just after it.
  const window = { from: new Date(floorToBucket(Date.parse(stats.first), 'hour')), to: new Date(ceilToBucket(Date.parse(stats.last) + 1000, 'hour')) };
  const gaps = await queryGaps(clickhouse, { ...window, sources: query.filters.source });
  return { window: { from: window.from.toISOString(), to: window.to.toISOString() }, gaps };
}

export interface MethodologyInput {
  query: PostQuery;
  columns: readonly ExportColumn[];
  format: ExportFormat;
  csv: { safe: boolean; bom: boolean };
  counting: ExportRequest['counting'];
}

/** The request's unit, copies and correction, each with its definition. */
function describeCounting(input: MethodologyInput) {
  return {
    unit: input.counting.unit,
    copies: input.query.copies ?? 'all',
    correction: input.counting.correction,
    definitions: {
      unit: DIVIDE_UNIT_PROPERTIES.unit.description,
      copies: `${COPY_DEFINITION} In an export, copies=once keeps only those first posts; copy_cluster names each row's cluster and copy_cluster_size (asked for by name) counts the cluster's posts in the slice.`,
      correction: DIVIDE_UNIT_PROPERTIES.correction.description,
    },
  };
}

export async function buildMethodology(clickhouse: ClickHouse, pack: TopicPack, input: MethodologyInput) {
  const started = Date.now();
  const stats = await querySliceStats(clickhouse, input.query);
  const gaps = await sliceGaps(clickhouse, input.query, stats);
  return {
    generated_at: new Date(started).toISOString(),
    software: { name: 'rift', version: SOFTWARE_VERSION },
    topic_pack: { id: pack.id, version: pack.version, title: pack.title },
    format: input.format,
    ...(input.format === 'csv' && { csv: { csv_safe: input.csv.safe, bom: input.csv.bom } }),
    filters: describePostQuery(input.query),
    counting: describeCounting(input),
    row_count: stats.rows,
    synthetic_rows: stats.synthetic,
    first_created_at: stats.first,
    last_created_at: stats.last,
    model_versions: stats.model_versions,
    model_accuracy: readModelAccuracy(stats.model_versions),
    gaps_window: gaps.window,
    gaps: gaps.gaps,
    query_time_ms: Date.now() - started,
    columns: describeColumns(input.columns),
    definitions: EXPORT_DEFINITIONS,
  };
}

export type Methodology = Awaited<ReturnType<typeof buildMethodology>>;
