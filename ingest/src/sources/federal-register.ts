import { z } from 'zod';
import type { PostInput } from '@rift/core';
import type { PoliteHttpOptions } from '../http/polite-http.ts';
import { htmlToText, joinText } from '../html-text.ts';
import type { PollContext, Source } from './source.ts';

/**
 * The Federal Register API (federalregister.gov/api/v1, no key): documents whose text mentions
 * the term (executive orders, rules, notices), each one a statement of the US government.
 * Filtered by publication date and paged with `page` while `next_page_url` says there is more.
 */
export interface FederalRegisterOptions {
  baseUrl?: string;
  term?: string;
  intervalMinutes?: number;
  perPage?: number;
  /** The first poll starts here (YYYY-MM-DD); TikTok's federal story starts in 2020. */
  since?: string;
  now?: () => number;
}

export const FEDERAL_REGISTER_DEFAULTS = {
  baseUrl: 'https://www.federalregister.gov',
  term: 'TikTok',
  // The Register is published once a business day.
  intervalMinutes: 360,
  perPage: 100,
  since: '2020-01-01',
  now: () => Date.now(),
};

export const FEDERAL_REGISTER_HTTP: Omit<PoliteHttpOptions, 'fetch' | 'random'> = {
  concurrency: 1,
  requestsPerMinute: 30,
  attempts: 4,
  baseDelayMs: 2_000,
  maxDelayMs: 60_000,
  userAgent: 'rift-ingest/0.1 (open-source research pipeline on the US TikTok ban debate)',
};

const ResponseSchema = z.object({
  count: z.number().optional(),
  total_pages: z.number().optional(),
  next_page_url: z.string().nullish(),
  results: z.array(z.unknown()).default([]),
});

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** Newest publication date taken; `resume` is a run in progress with its fixed date range. */
const CursorSchema = z.object({
  newest: z.string().regex(DAY).optional(),
  resume: z.object({ from: z.string().regex(DAY), to: z.string().regex(DAY), page: z.number(), newest: z.string().regex(DAY).optional() }).optional(),
});
type FederalRegisterCursor = z.output<typeof CursorSchema>;

export function createFederalRegisterSource(options: FederalRegisterOptions = {}): Source {
  const o = { ...FEDERAL_REGISTER_DEFAULTS, ...options };

  async function* pages(context: PollContext, from: string, to: string, startPage: number) {
    for (let page = startPage; ; page++) {
      const url = new URL('/api/v1/documents.json', o.baseUrl);
      url.searchParams.set('conditions[term]', o.term);
      url.searchParams.set('conditions[publication_date][gte]', from);
      url.searchParams.set('conditions[publication_date][lte]', to);
      url.searchParams.set('order', 'newest');
      url.searchParams.set('per_page', String(o.perPage));
      url.searchParams.set('page', String(page));
      const { body } = await context.http.getJson<unknown>(url, context.signal);
      const parsed = ResponseSchema.safeParse(body);
      if (!parsed.success) throw new Error(`federal-register: page ${page} is not a documents response`);
      const posts: PostInput[] = [];
      const errors: Array<{ reason: string; payload: unknown }> = [];
      for (const doc of parsed.data.results) {
        const result = federalRegisterDocumentToPost(doc);
        if ('post' in result) posts.push(result.post);
        else errors.push({ reason: `federal-register: ${result.error}`, payload: doc });
      }
      const last = !parsed.data.next_page_url || parsed.data.results.length === 0;
      yield { posts, errors, page, last };
      if (last) return;
    }
  }

  return {
    name: 'federal-register',
    intervalMinutes: o.intervalMinutes,

    async *poll(context) {
      let cursor = readCursor(context.cursor);
      const today = new Date(o.now()).toISOString().slice(0, 10);
      // From the newest day already taken (inclusive): documents of that day published later are not missed.
      const from = cursor.resume?.from ?? cursor.newest ?? o.since;
      const to = cursor.resume?.to ?? today;
      let newest = cursor.resume?.newest ?? cursor.newest;
      for await (const page of pages(context, from, to, cursor.resume?.page ?? 1)) {
        for (const post of page.posts) {
          const day = post.created_at.slice(0, 10);
          if (!newest || day > newest) newest = day;
        }
        cursor = page.last ? { newest } : { newest: cursor.newest, resume: { from, to, page: page.page + 1, newest } };
        yield { posts: page.posts, errors: page.errors, cursor: JSON.stringify(cursor) };
      }
    },

    async *backfill(context, window) {
      const from = window.from.toISOString().slice(0, 10);
      // The API's date bounds are whole days and inclusive; the window's end is exclusive.
      const to = new Date(window.to.getTime() - 1).toISOString().slice(0, 10);
      for await (const page of pages(context, from, to, 1)) yield { posts: page.posts, errors: page.errors };
    },
  };
}

function readCursor(raw: string | undefined): FederalRegisterCursor {
  if (!raw) return {};
  try {
    return CursorSchema.parse(JSON.parse(raw));
  } catch {
    return {};
  }
}

/**
 * One document as a post, or why it cannot be one. A document often has several agencies (a
 * department and its bureau, or two departments jointly): all are named, the first is the handle.
 */
export function federalRegisterDocumentToPost(doc: unknown): { post: PostInput } | { error: string } {
  if (typeof doc !== 'object' || doc === null) return { error: 'document is not an object' };
  const d = doc as Record<string, unknown>;
  const str = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : undefined);
  const number = str('document_number');
  if (!number) return { error: 'document has no document_number' };
  const day = str('publication_date');
  if (!day || !DAY.test(day) || Number.isNaN(Date.parse(day))) return { error: `document ${number} has no valid publication_date` };
  // Excerpts carry the matched term when title and abstract do not, so the relevance filter sees it.
  const excerpts = str('excerpts') ? htmlToText(str('excerpts')!) : '';
  const body = [str('abstract') ? htmlToText(str('abstract')!) : '', excerpts].filter(Boolean).join('\n\n');
  const text = joinText(str('title'), body);
  if (!text) return { error: `document ${number} has no title, abstract or excerpts` };
  const agencies = (Array.isArray(d.agencies) ? (d.agencies as Array<Record<string, unknown>>) : []).filter((a) => typeof a === 'object' && a !== null);
  // An agency the Federal Register has not matched to its list has only its raw_name.
  const names = [...new Set(agencies.map((a) => (typeof a.name === 'string' ? a.name : typeof a.raw_name === 'string' ? a.raw_name : '')).filter(Boolean))];
  const agency = agencies.find((a) => typeof a.slug === 'string') ?? {};
  const agencyName = names.length ? names.join('; ') : 'Federal Register';
  const type = str('type') ?? 'document';
  return {
    post: {
      source: 'federal-register',
      id: number,
      url: str('html_url') ?? `https://www.federalregister.gov/d/${encodeURIComponent(number)}`,
      author: {
        handle: typeof agency.slug === 'string' ? agency.slug : 'federal-register',
        name: agencyName,
        description: `US federal ${names.length > 1 ? 'agencies' : 'agency'}: ${agencyName}, publishing a ${type} in the Federal Register`,
        verified_domain: 'federalregister.gov',
      },
      // Midday UTC keeps the publication date the same calendar day in every US and Chinese time zone.
      created_at: `${day}T12:00:00.000Z`,
      text,
      lang_hint: 'en',
      raw: { document_number: number, type, publication_date: day, html_url: d.html_url, agencies: d.agencies },
    },
  };
}
