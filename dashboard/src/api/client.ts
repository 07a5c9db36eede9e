import { authHeaders } from './apiKey';
import type { DivideResponse, EventsResponse, PostFilters, PostsResponse, SliceFilters, SummaryResponse, TrendsQuery, TrendsResponse } from './types';

/** An error answered by the API (`{ error, message }`) or a network failure. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export async function readErrorBody(response: Response): Promise<{ code: string | null; message: string }> {
  const fallback = `${response.status} ${response.statusText}`.trim();
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object') {
      const { error, message } = body as { error?: unknown; message?: unknown };
      return {
        code: typeof error === 'string' ? error : null,
        message: typeof message === 'string' && message ? message : fallback,
      };
    }
  } catch {
    // not JSON: keep the status line
  }
  return { code: null, message: fallback };
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { signal, headers: { accept: 'application/json', ...authHeaders() } });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError('The API could not be reached. Is the server running?', null, 'network');
  }
  if (!response.ok) {
    const { code, message } = await readErrorBody(response);
    throw new ApiError(message, response.status, code);
  }
  return (await response.json()) as T;
}

export function trendsUrl(query: TrendsQuery): string {
  const params = new URLSearchParams({
    metric: query.metric,
    group_by: query.groupBy,
    granularity: query.granularity,
    from: query.from,
    to: query.to,
  });
  if (query.unit) params.set('unit', query.unit);
  if (query.copies) params.set('copies', query.copies);
  if (query.synthetic === 'exclude') params.set('synthetic', 'exclude');
  return `/api/trends?${params.toString()}`;
}

export const fetchTrends = (query: TrendsQuery, signal?: AbortSignal) =>
  getJson<TrendsResponse>(trendsUrl(query), signal);

export const fetchEvents = (signal?: AbortSignal) => getJson<EventsResponse>('/api/events', signal);

export const fetchSummary = (signal?: AbortSignal) => getJson<SummaryResponse>('/api/summary', signal);

/** `/api/posts?...` for a slice, one page; empty filters are left out. */
export function postsUrl(filters: PostFilters, limit: number, cursor?: string | null): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return `/api/posts?${params.toString()}`;
}

export const fetchPosts = (filters: PostFilters, limit: number, cursor: string | null, signal?: AbortSignal) =>
  getJson<PostsResponse>(postsUrl(filters, limit, cursor), signal);

export function divideUrl(filters: SliceFilters & { unit?: string; correction?: string; copies?: string }): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  return `/api/divide?${params.toString()}`;
}

export const fetchDivide = (filters: SliceFilters & { unit?: string; correction?: string; copies?: string }, signal?: AbortSignal) =>
  getJson<DivideResponse>(divideUrl(filters), signal);
