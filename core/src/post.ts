import { z } from 'zod';
import { ACTOR_CLASSES, SENTIMENT_LABELS, STANCE_LABELS } from './labels.ts';

/** Texts longer than this are stored cut, with `text_truncated` set, never dropped. */
export const MAX_TEXT_CHARS = 20_000;

const EARLIEST_POST = Date.UTC(2000, 0, 1);
/** Clocks drift; a post a day in the future is tolerated, further is an error in the source. */
const FUTURE_TOLERANCE_MS = 24 * 3600 * 1000;

/** One check at a time, so a bad date gets one clear reason. */
const isoInstant = z
  .string()
  .max(64)
  .transform((s, ctx) => {
    const ms = Date.parse(s);
    const problem = Number.isNaN(ms)
      ? 'must be an ISO 8601 date-time'
      : ms < EARLIEST_POST
        ? 'is before 2000-01-01'
        : ms > Date.now() + FUTURE_TOLERANCE_MS
          ? 'is in the future'
          : undefined;
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `${problem} (got ${JSON.stringify(s.slice(0, 40))})` });
      return z.NEVER;
    }
    return new Date(ms).toISOString();
  });

/**
 * Deepest `raw` payload kept. JSON.stringify recurses, so a payload a few thousand levels deep
 * overflows the stack wherever the post is serialised (the queue, the row); it is replaced by a note.
 */
export const MAX_RAW_DEPTH = 200;

/** True if `value` nests objects or arrays more than `limit` levels deep; walks without recursion. */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

const count = z.number().int().min(0).max(2 ** 32 - 1).default(0);

/**
 * A string with any lone surrogate (as `"\ud800"` in JSON parses to) replaced by U+FFFD. UTF-8 cannot
 * encode one, and ClickHouse refuses the whole INSERT that carries it; the length stays the same.
 */
const wellFormedString = () => z.string().overwrite((s) => s.toWellFormed());

export const AuthorSchema = z.object({
  handle: wellFormedString().max(512).default(''),
  name: wellFormedString().max(512).default(''),
  description: wellFormedString().max(4096).default(''),
  /** A domain the platform has verified for the author (a Bluesky handle's domain, say). */
  verified_domain: wellFormedString().max(255).default(''),
});

/** The canonical post: what every source produces and what the queue carries. */
export const PostSchema = z.object({
  source: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/, 'source must be 1-64 lowercase letters, digits, _ . or -'),
  id: wellFormedString().min(1, 'id is empty').max(256),
  url: wellFormedString().max(2048).default(''),
  author: AuthorSchema.default({ handle: '', name: '', description: '', verified_domain: '' }),
  created_at: isoInstant,
  text: wellFormedString().refine((s) => s.trim().length > 0, 'text is empty'),
  /** A language the source declares, if any; analysis decides the stored one. */
  lang_hint: wellFormedString().max(16).default(''),
  engagement: z
    .object({ likes: count, reposts: count, replies: count })
    .default({ likes: 0, reposts: 0, replies: 0 }),
  /** Topic-pack terms that made the source keep this post. */
  matched_terms: z.array(wellFormedString().max(128)).max(64).default([]),
  /** True for the generated demo corpus, so it is never mistaken for real posts. */
  synthetic: z.boolean().default(false),
  /**
   * Canonical fields the source did not hold for this post (`created_at`, `engagement.likes`,
   * `body`...), listed instead of guessed: a Zeeschuimer tile read from a page's HTML has a title
   * and a like count but no body, author id or time of posting.
   */
  missing_fields: z.array(wellFormedString().max(64)).max(32).default([]),
  /**
   * Words the post carries that are not its author's: a quoted post, a link card's title and
   * description, media descriptions. The topic match reads them with the text; stance and
   * sentiment are judged on `text`, what the author said.
   */
  context_text: wellFormedString().max(MAX_TEXT_CHARS).default(''),
  /**
   * Which edition of a post this is, for sources that edit posts in place (Mastodon's
   * `edited_at`): a new edition passes the queue's dedupe and replaces the stored row.
   */
  revision: wellFormedString().max(64).default(''),
  /** The source's own payload, kept for audit. */
  raw: z
    .unknown()
    .optional()
    .transform((raw) => (nestedDeeperThan(raw, MAX_RAW_DEPTH) ? `[raw payload not kept: nested more than ${MAX_RAW_DEPTH} levels deep]` : raw)),
});

export type Post = z.output<typeof PostSchema>;
export type PostInput = z.input<typeof PostSchema>;

export const AnalysisSchema = z.object({
  sentiment: z.object({
    label: z.enum(SENTIMENT_LABELS),
    score: z.number().min(-1).max(1),
    confidence: z.number().min(0).max(1),
  }),
  stance: z.object({ label: z.enum(STANCE_LABELS), confidence: z.number().min(0).max(1) }),
  topics: z.array(z.string()),
  lang: z.string(),
  actor: z.object({ label: z.enum(ACTOR_CLASSES), confidence: z.number().min(0).max(1) }),
  model_version: z.string(),
});

export type Analysis = z.output<typeof AnalysisSchema>;

export type PostValidation = { ok: true; post: Post } | { ok: false; reason: string };

/** Validates one untrusted post; the reason names each failing field. */
export function validatePost(input: unknown): PostValidation {
  const parsed = PostSchema.safeParse(input);
  if (!parsed.success) {
    const reason = parsed.error.issues.map((i) => `${i.path.join('.') || '(post)'}: ${i.message}`).join('; ');
    return { ok: false, reason };
  }
  return { ok: true, post: parsed.data };
}

/** Items grouped by their source, in order of first appearance (Map.groupBy needs Node 21). */
export function groupBySource<T extends { source: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.source);
    if (group) group.push(item);
    else groups.set(item.source, [item]);
  }
  return groups;
}
