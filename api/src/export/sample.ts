import { randomBytes } from 'node:crypto';
import { ACTOR_CLASSES, badRequest, type ClickHouse, identifier, sql, type Sql, STANCE_LABELS, trustedSql } from '@rift/core';
import { parsePostQuery, postFilterProperties, type PostQuery, type PostQueryInput, sliceSql } from '@rift/queries';
import { allocate, ALLOCATIONS, type Allocation, type StratumAllocation } from './allocation.ts';

/**
 * Random samples of a slice for manual coding. A post's place in the draw is
 * cityHash64(seed, source, id): the same seed on the same data gives the same sample, on any
 * machine, and a post's rank does not depend on which other posts are in the slice.
 */

export const SAMPLE_MAX = 50_000;
export const STRATA = { actor: ACTOR_CLASSES, stance: STANCE_LABELS } as const;
export type Stratify = keyof typeof STRATA | 'none';
const SEED_PATTERN = '^[A-Za-z0-9_.-]{1,64}$';

export interface SampleRequest {
  query: PostQuery;
  n: number;
  seed: string;
  /** True when the caller gave no seed and one was drawn for them. */
  seedGenerated: boolean;
  stratify: Stratify;
  allocation: Allocation;
}

export type SampleInput = PostQueryInput & { n?: number | string; seed?: string; stratify?: string; allocation?: string };

export const sampleQuerystring = {
  type: 'object',
  additionalProperties: false,
  required: ['n'],
  properties: {
    n: { type: 'integer', minimum: 1, maximum: SAMPLE_MAX, description: 'Posts to draw' },
    seed: { type: 'string', pattern: SEED_PATTERN, description: 'Any short code; the same seed draws the same sample' },
    stratify: { type: 'string', enum: ['none', 'actor', 'stance'], default: 'none', description: 'Draw within each actor class or stance' },
    allocation: {
      type: 'string',
      enum: ALLOCATIONS,
      default: 'proportional',
      description: "When stratified: each stratum's share of n as in the slice (proportional) or the same for each (equal)",
    },
    format: {
      type: 'string',
      enum: ['csv', 'key', 'json'],
      default: 'csv',
      description: "A coding sheet without the strata (CSV), the sheet's key of strata (key, CSV), or JSON",
    },
    ...postFilterProperties,
  },
} as const;

export function parseSampleRequest(input: SampleInput): SampleRequest {
  const { n: rawN, seed: rawSeed, stratify = 'none', allocation = 'proportional', ...filters } = input;
  const n = Number(rawN);
  if (!Number.isInteger(n) || n < 1 || n > SAMPLE_MAX) throw badRequest(`n must be a whole number from 1 to ${SAMPLE_MAX}`);
  if (rawSeed !== undefined && !new RegExp(SEED_PATTERN).test(rawSeed)) throw badRequest('seed: use 1-64 letters, digits, "_", "." or "-"');
  if (stratify !== 'none' && !(stratify in STRATA)) throw badRequest('stratify must be one of: none, actor, stance');
  if (!ALLOCATIONS.includes(allocation as Allocation)) throw badRequest(`allocation must be one of: ${ALLOCATIONS.join(', ')}`);
  const seed = rawSeed ?? randomBytes(6).toString('hex');
  return { query: parsePostQuery(filters), n, seed, seedGenerated: rawSeed === undefined, stratify: stratify as Stratify, allocation: allocation as Allocation };
}

/** One drawn post: what a coder needs to read it. Model labels are left out so coders are blind to them. */
export interface SampledPost {
  stratum: string;
  source: string;
  id: string;
  url: string;
  created_at: number;
  author_handle: string;
  lang: string;
  text: string;
  /** 1 for the demo generator's posts: coders must know a post is made up. */
  synthetic: number;
}

export interface Sample {
  posts: SampledPost[];
  strata: StratumAllocation[];
  notes: string[];
}

const COLUMNS = ['url', 'author_handle', 'lang', 'text', 'synthetic'];

function drawSql(clickhouse: ClickHouse, request: SampleRequest, stratumSql: Sql, where: Sql, limit: number): Sql {
  return sliceSql(clickhouse, request.query, {
    select: sql`${stratumSql} AS stratum, source, id, url, toUInt32(created_at) AS created_at, author_handle, lang, text, synthetic`,
    columns: COLUMNS,
    outerWhere: where,
    tail: sql`ORDER BY cityHash64(${request.seed}, source, id), source, id LIMIT ${limit}`,
  });
}

export async function drawSample(clickhouse: ClickHouse, request: SampleRequest): Promise<Sample> {
  const notes: string[] = [];
  if (request.seedGenerated) notes.push(`no seed was given; seed=${request.seed} was drawn: pass it to draw this sample again`);
  if (request.stratify === 'none') {
    const posts = await clickhouse.query<SampledPost>(drawSql(clickhouse, request, trustedSql("'all'"), trustedSql('1'), request.n));
    if (posts.length < request.n) notes.push(`the slice holds ${posts.length} posts, fewer than n=${request.n}: all of them are in the sample`);
    return { posts, strata: [], notes };
  }
  const column = identifier(request.stratify);
  const counts = await clickhouse.query<{ stratum: string; n: string | number }>(
    sliceSql(clickhouse, request.query, { select: sql`toString(${column}) AS stratum, count() AS n`, columns: [], tail: trustedSql('GROUP BY stratum') }),
  );
  const population = new Map(counts.map((c) => [c.stratum, Number(c.n)]));
  const strata = allocate(request.n, STRATA[request.stratify].map((s) => ({ stratum: s, population: population.get(s) ?? 0 })), request.allocation);
  const posts: SampledPost[] = [];
  for (const s of strata) {
    if (s.drawn > 0) posts.push(...(await clickhouse.query<SampledPost>(drawSql(clickhouse, request, sql`toString(${column})`, sql`${column} = ${s.stratum}`, s.drawn))));
    if (s.drawn < s.target) notes.push(`stratum ${s.stratum}: ${s.target} asked by ${request.allocation} allocation, only ${s.population} in the slice; all taken, shortfall not filled from other strata`);
  }
  return { posts, strata, notes };
}
