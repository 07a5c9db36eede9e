import { getJson } from './client';

/**
 * What `/api/trends` accepts, read from the API's own OpenAPI document, so the Explorer offers
 * every metric, grouping and bucket size the API has and cannot drift from it.
 */
export interface TrendOptions {
  metrics: string[];
  groupBy: string[];
  granularities: string[];
  /** Lists of values that a filter accepts, for the filters that have a closed set. */
  filterValues: Record<string, string[]>;
}

interface OpenApiParameter {
  name: string;
  in: string;
  schema?: { enum?: unknown[] };
  description?: string;
}

interface OpenApiDocument {
  paths: Record<string, { get?: { parameters?: OpenApiParameter[] } }>;
}

const enumOf = (params: OpenApiParameter[], name: string): string[] =>
  (params.find((p) => p.name === name && p.in === 'query')?.schema?.enum ?? []).map(String);

/** Closed label sets are listed in each filter's description as "one of: a, b, c". */
function valuesInDescription(description: string | undefined): string[] {
  const match = /one of: ([^.]+)/.exec(description ?? '');
  return match ? match[1]!.split(',').map((v) => v.trim()).filter(Boolean) : [];
}

export function trendOptionsFrom(doc: OpenApiDocument): TrendOptions {
  const params = doc.paths['/api/trends']?.get?.parameters ?? [];
  const filterValues: Record<string, string[]> = {};
  for (const p of params) {
    const values = valuesInDescription(p.description);
    if (values.length) filterValues[p.name] = values;
  }
  return { metrics: enumOf(params, 'metric'), groupBy: enumOf(params, 'group_by'), granularities: enumOf(params, 'granularity'), filterValues };
}

export const fetchTrendOptions = async (signal?: AbortSignal): Promise<TrendOptions> =>
  trendOptionsFrom(await getJson<OpenApiDocument>('/api/docs/json', signal));
