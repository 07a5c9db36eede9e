import type { Logger, PostInput } from '@rift/core';
import type { PoliteHttp } from '../http/polite-http.ts';

/** One page of a source's answer: the posts on it and the cursor to resume after it. */
export interface SourcePage {
  posts: PostInput[];
  /** Where the next run starts if this page is the last one processed; undefined keeps the old one. */
  cursor?: string;
  /** Items on the page that could not be turned into posts, with why (kept as dead letters). */
  errors?: Array<{ reason: string; payload: unknown }>;
}

export interface PollContext {
  http: PoliteHttp;
  /** The cursor saved after the last page a previous run processed, if any. */
  cursor: string | undefined;
  signal: AbortSignal;
  log: Logger;
}

export interface BackfillWindow {
  from: Date;
  to: Date;
}

/**
 * A public source of posts. `poll` fetches what is new since the cursor, page by page; the runner
 * enqueues each page before it saves the page's cursor, so a crash repeats a page, never skips one.
 */
export interface Source {
  /** Unique name: the `source` label of its posts and the key of its state. */
  readonly name: string;
  /** Minutes between scheduled polls. */
  readonly intervalMinutes: number;
  poll(context: PollContext): AsyncIterable<SourcePage>;
  /** Fetches a past date window, for sources whose API can search by date. */
  backfill?(context: PollContext, window: BackfillWindow): AsyncIterable<SourcePage>;
}
