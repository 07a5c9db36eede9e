/**
 * A loopback Mastodon server for GET /api/v1/timelines/tag/:hashtag, as the API documents it:
 * `max_id` (older than), `since_id` (newer than), `min_id` (immediately newer than), `limit`
 * (default 20, at most 40); statuses newest first; a Link header with rel="next" (max_id = the
 * oldest on the page) and rel="prev" (min_id = the newest); X-RateLimit-* headers. Statuses and
 * headers are shaped from the real recorded responses. Scripted faults per request, items
 * missing fields, and Link cursors one item short so an item repeats on the next page.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '@rift/core';
import { startFixtureServer, timedRequest, type FixtureReply, type FixtureServer, type TimedRequest } from '@rift/testing/fixture-server';
import { compareIds } from './mastodon-status.ts';

const SAMPLE = path.resolve(REPO_ROOT, '../shared/data/samples/mastodon/timeline-tag.json');

interface Recorded {
  headers: Record<string, string>;
  body: Array<Record<string, unknown>>;
}
const recorded = (): Recorded => JSON.parse(readFileSync(SAMPLE, 'utf8')) as Recorded;

export interface StatusSpec {
  id: string;
  createdAt: string;
  html: string;
  tags: string[];
  username: string;
  /** user@domain for an account of another instance. */
  acct?: string;
  displayName?: string;
  noteHtml?: string;
  fields?: Array<{ name: string; value: string; verified_at: string | null }>;
  language?: string;
}

/** A status shaped like the recorded one, with its own id, author, text and tags. */
export function status(origin: string, spec: StatusSpec): Record<string, unknown> {
  const sample = recorded().body[0]!;
  const account = sample.account as Record<string, unknown>;
  return {
    ...structuredClone(sample),
    id: spec.id,
    created_at: spec.createdAt,
    language: spec.language ?? 'en',
    uri: `${origin}/users/${spec.username}/statuses/${spec.id}`,
    url: `${origin}/@${spec.username}/${spec.id}`,
    content: spec.html,
    favourites_count: 4,
    reblogs_count: 2,
    replies_count: 1,
    tags: spec.tags.map((name) => ({ name, url: `${origin}/tags/${name}` })),
    account: {
      ...structuredClone(account),
      id: `9${spec.username.length}${spec.id.slice(-6)}`,
      username: spec.username,
      acct: spec.acct ?? spec.username,
      display_name: spec.displayName ?? '',
      note: spec.noteHtml ?? '',
      url: `${origin}/@${spec.username}`,
      fields: spec.fields ?? [],
    },
  };
}

export type Fault = { status: number; retryAfter?: string } | { truncate: true };

export interface MastodonFixture extends FixtureServer<TimedRequest> {
  statuses: Array<Record<string, unknown>>;
  plan: (n: number) => Fault | undefined;
  /** Link cursors one item short, so the edge item of a page repeats on the next. */
  overlapLinks: boolean;
}

export async function startMastodonFixture(): Promise<MastodonFixture> {
  const template = recorded().headers;
  let remaining = 300;
  // The recorded response's headers, less those tied to its body, and a budget every reply spends.
  const rateLimitHeaders = () => {
    const { link: _link, 'content-length': _length, etag: _etag, ...kept } = template;
    remaining = Math.max(0, remaining - 1);
    const reset = new Date(Math.ceil(Date.now() / 300_000) * 300_000).toISOString();
    return { ...kept, 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': String(remaining), 'x-ratelimit-reset': reset };
  };

  const timeline = (tag: string, params: URLSearchParams): FixtureReply => {
    const limit = Math.min(40, Math.max(1, Number(params.get('limit') ?? 20)));
    const maxId = params.get('max_id');
    const sinceId = params.get('since_id');
    const minId = params.get('min_id');
    const tagged = fixture.statuses
      .filter((s) => (s.tags as Array<{ name: string }> | undefined ?? []).some((t) => t.name.toLowerCase() === tag.toLowerCase()))
      .filter((s) => {
        const id = String(s.id);
        return (!maxId || compareIds(id, maxId) < 0) && (!sinceId || compareIds(id, sinceId) > 0) && (!minId || compareIds(id, minId) > 0);
      })
      .sort((a, b) => compareIds(String(b.id), String(a.id)));
    // min_id takes the statuses right after it (the oldest of the newer ones), still listed newest first.
    const page = minId && !maxId ? tagged.slice(-limit) : tagged.slice(0, limit);
    const headers: Record<string, string> = {};
    if (page.length > 0) {
      const ids = page.map((s) => String(s.id));
      const shift = fixture.overlapLinks && ids.length > 1 ? 1 : 0;
      const link = (key: string, id: string) => {
        const url = new URL(`/api/v1/timelines/tag/${encodeURIComponent(tag)}`, fixture.baseUrl);
        if (params.has('limit')) url.searchParams.set('limit', String(limit));
        url.searchParams.set(key, id);
        return url.toString();
      };
      headers.link = `<${link('max_id', ids[ids.length - 1 - shift]!)}>; rel="next", <${link('min_id', ids[shift]!)}>; rel="prev"`;
    }
    return { status: 200, headers, body: JSON.stringify(page) };
  };

  let count = 0;
  const answer = (url: URL): FixtureReply => {
    const match = /^\/api\/v1\/timelines\/tag\/([^/]+)$/.exec(url.pathname);
    if (!match) return { status: 404, body: JSON.stringify({ error: 'Record not found' }) };
    const fault = fixture.plan(++count);
    if (fault && 'truncate' in fault) return { status: 200, body: '[{"id":"1","created_at":"2025-01-1' };
    if (fault) {
      const headers: Record<string, string> = fault.retryAfter ? { 'retry-after': fault.retryAfter } : {};
      return { status: fault.status, headers, body: JSON.stringify({ error: fault.status === 429 ? 'Too many requests' : 'scripted failure' }) };
    }
    return timeline(decodeURIComponent(match[1]!), url.searchParams);
  };

  const fixture: MastodonFixture = Object.assign(await startFixtureServer(answer, { log: timedRequest, headers: rateLimitHeaders }), {
    statuses: [],
    plan: () => undefined,
    overlapLinks: false,
  });
  return fixture;
}
