import type { FastifyInstance } from 'fastify';
import type { ClickHouse, TopicPack } from '@rift/core';
import { errorBodySchema } from '../errors.ts';
import { type CorrectionOptions, correctionPlan, type DivideResult, parsePostQuery, postFilterProperties, type PostQueryInput, queryDivide, type Unit } from '@rift/queries';
import { DIVIDE_UNIT_PROPERTIES } from './divide.ts';

const DAY_MS = 86_400_000;
/** At most this many events are estimated per request: each takes two divide queries. */
const MAX_EVENTS = 40;

const { actor: _actor, from: _from, to: _to, ...sliceProperties } = postFilterProperties as Record<string, unknown>;

type Side = Pick<DivideResult, 'oppose_share_diff' | 'sentiment_mean_diff' | 'correction'> & {
  from: string;
  to: string;
  n_authors: Record<'public' | 'us_government', number>;
  n_posts: Record<'public' | 'us_government', number>;
};

/**
 * GET /api/divide/events: for each event of the topic pack's timeline, the divide in the
 * `window_days` before it ([date - w, date)) and after it ([date, date + w)), each with its
 * interval, over the same slice filters, unit and correction as /api/divide. The change is
 * after minus before; the two windows hold different posts, so it is read with both intervals.
 */
export function divideEventsRoute(app: FastifyInstance, clickhouse: ClickHouse, pack: TopicPack, correction: CorrectionOptions): void {
  const events = [...pack.events].sort((a, b) => a.date.localeCompare(b.date)).slice(-MAX_EVENTS);
  app.get<{ Querystring: Omit<PostQueryInput, 'actor' | 'from' | 'to'> & { window_days: number; unit: Unit; correction: 'none' | 'confusion' } }>(
    '/api/divide/events',
    {
      schema: {
        summary: 'The divide before and after each event of the timeline',
        description: `For each event of the topic pack (the last ${MAX_EVENTS}), the divide over window_days before and after its date (UTC), with unit, correction and 95% intervals as /api/divide.`,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...sliceProperties,
            ...DIVIDE_UNIT_PROPERTIES,
            window_days: { type: 'integer', minimum: 1, maximum: 365, default: 14, description: 'Days on each side of an event' },
          },
        },
        response: { 400: errorBodySchema, 503: errorBodySchema },
      },
    },
    async (request) => {
      const { window_days: days, unit, correction: requested, ...filters } = request.query;
      const base = parsePostQuery(filters);
      const window = async (from: number, to: number): Promise<Side> => {
        const query = { ...base, from: new Date(from), to: new Date(to) };
        const r = await queryDivide(clickhouse, query, unit, (versions) => correctionPlan(clickhouse, requested, versions, correction));
        return {
          from: query.from.toISOString(),
          to: query.to.toISOString(),
          oppose_share_diff: r.oppose_share_diff,
          sentiment_mean_diff: r.sentiment_mean_diff,
          correction: r.correction,
          n_posts: { public: r.sides.public.n_posts, us_government: r.sides.us_government.n_posts },
          n_authors: { public: r.sides.public.n_authors, us_government: r.sides.us_government.n_authors },
        };
      };
      const estimates = [];
      for (const event of events) {
        const at = Date.parse(`${event.date}T00:00:00Z`);
        const [before, after] = await Promise.all([window(at - days * DAY_MS, at), window(at, at + days * DAY_MS)]);
        const change = before.oppose_share_diff && after.oppose_share_diff ? after.oppose_share_diff.value - before.oppose_share_diff.value : null;
        estimates.push({ date: event.date, label: event.label, before, after, oppose_share_diff_change: change });
      }
      return { unit, copies: base.copies, correction: requested, window_days: days, events: estimates };
    },
  );
}
