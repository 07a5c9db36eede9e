import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type AlertJob, badRequest, type ClickHouse, HttpError, QueueName, recordAudit, type Redis } from '@rift/core';
import { allows } from '../auth/roles.ts';
import { parseInstant, queryDataExtent } from '@rift/queries';
import { ALERT_METRICS, type AlertRule, backtest, buildNotification, createRule, deleteRule, deliver, describeIssues, evaluateRule, getRule, getState, getStates, type HistoryEntry, listHistory, listRules, metricDefinition, publicRule, RuleInputSchema, type RuleSpec, scheduleRule, sliceLinks, unscheduleRule, updateRule } from '@rift/alerts';
import { requestActor } from './audit.ts';
import { recordErrors as errors, UUID_PATTERN, uuidIdParams as idParams } from './record-schemas.ts';

/**
 * The alert API: rules (CRUD), a test run, each rule's history, the in-app feed and backtests.
 * Writes need an analyst key; reads need viewer. The rule's shape is defined once, in zod
 * (alerts/rule.ts); the JSON schema here is generated from it for validation and the docs.
 */

const ruleBodySchema = (() => {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(RuleInputSchema, { target: 'draft-7', io: 'input', unrepresentable: 'any' });
  return schema;
})();

const ok = { type: 'object', additionalProperties: true } as const;
const limitQuery = {
  type: 'object',
  additionalProperties: false,
  properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100, description: 'Entries to list, newest first' } },
} as const;
const backtestBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: UUID_PATTERN, description: 'A stored rule to backtest' },
    rule: { ...ruleBodySchema, description: 'An unsaved rule to backtest (instead of id)' },
    from: { type: 'string', maxLength: 40, description: 'ISO 8601; default: the start of the stored data' },
    to: { type: 'string', maxLength: 40, description: 'ISO 8601; default: the end of the stored data' },
  },
} as const;

export interface AlertsRouteDeps {
  clickhouse: ClickHouse;
  redis: Redis;
  queuePrefix: string;
}

function parseRule(body: unknown): RuleSpec {
  const parsed = RuleInputSchema.safeParse(body);
  if (!parsed.success) throw badRequest(describeIssues(parsed.error));
  return parsed.data;
}

async function mustGet(clickhouse: ClickHouse, id: string): Promise<AlertRule> {
  const rule = await getRule(clickhouse, id);
  if (!rule) throw new HttpError(404, `no alert rule with id ${JSON.stringify(id)}`);
  return rule;
}

/**
 * A history entry with links to its rule's slice over the evaluated window (relative to this
 * server), like a notification's; none when the rule is gone or the window was not recorded.
 */
function withLinks(entry: HistoryEntry, rule: AlertRule | undefined): HistoryEntry & { links: { view: string; posts: string } | null } {
  const observation = entry.details.observation as { window_from?: unknown; window_to?: unknown } | undefined;
  const from = observation?.window_from;
  const to = observation?.window_to;
  const links = rule && typeof from === 'string' && typeof to === 'string' ? sliceLinks(rule, { from, to }, '') : null;
  return { ...entry, links };
}

const showUrls = (request: FastifyRequest): boolean => request.client !== null && allows(request.client.role, 'analyst');
const origin = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;

export function alertsRoutes(app: FastifyInstance, deps: AlertsRouteDeps): void {
  const { clickhouse } = deps;
  // Saving a rule (re)schedules it at once; the alerts role's worker evaluates it.
  const queue = new Queue<AlertJob>(QueueName.alerts, { connection: deps.redis, prefix: deps.queuePrefix });
  app.addHook('onClose', () => queue.close());
  const analyst = { role: 'analyst' as const };
  const viewer = { role: 'viewer' as const };

  const list = { summary: 'Every alert rule, with its state', description: 'The stored rules and the state of each (ok, pending, firing or resolved). Channel URLs are shown to analysts only.', response: errors };
  app.get('/api/alerts', { config: viewer, schema: list }, async (request) => {
    const rules = await listRules(clickhouse);
    const states = await getStates(clickhouse, rules.map((r) => r.id));
    return { rules: rules.map((r) => ({ ...publicRule(r, showUrls(request)), state: states.get(r.id) ?? null })) };
  });

  const one = { summary: 'One alert rule, with its state', description: 'The rule with this id and its current state; 404 if there is none.', params: idParams, response: errors };
  app.get<{ Params: { id: string } }>('/api/alerts/:id', { config: viewer, schema: one }, async (request) => {
    const rule = await mustGet(clickhouse, request.params.id);
    return { ...publicRule(rule, showUrls(request)), state: (await getState(clickhouse, rule.id)) ?? null };
  });

  const create = {
    summary: 'Create an alert rule',
    description: 'Stores the rule and schedules its evaluation. The answer shows the webhook secret, this once, so the receiver can check signatures.',
    body: ruleBodySchema,
    response: { 201: ok, ...errors },
  };
  app.post('/api/alerts', { config: analyst, schema: create }, async (request, reply) => {
    const rule = await createRule(clickhouse, parseRule(request.body));
    await scheduleRule(queue, rule);
    await recordAudit(clickhouse, { actor: requestActor(request), action: 'create', object_type: 'rule', object_id: rule.id, detail: { name: rule.name } });
    // The one time the webhook secret is shown: the receiver needs it to check signatures.
    return reply.status(201).send({ ...publicRule(rule, true), webhook_secret: rule.channels.webhook?.secret ?? null });
  });

  const replace = { summary: 'Replace an alert rule', description: 'Replaces the rule with this id and reschedules it.', params: idParams, body: ruleBodySchema, response: errors };
  app.put<{ Params: { id: string } }>('/api/alerts/:id', { config: analyst, schema: replace }, async (request) => {
    const previous = await mustGet(clickhouse, request.params.id);
    const rule = await updateRule(clickhouse, previous, parseRule(request.body));
    await scheduleRule(queue, rule);
    await recordAudit(clickhouse, { actor: requestActor(request), action: 'update', object_type: 'rule', object_id: rule.id, detail: { name: rule.name } });
    return publicRule(rule, true);
  });

  const remove = { summary: 'Delete an alert rule', description: 'Deletes the rule with this id and stops its evaluation.', params: idParams, response: { 204: { type: 'null' }, ...errors } };
  app.delete<{ Params: { id: string } }>('/api/alerts/:id', { config: analyst, schema: remove }, async (request, reply) => {
    const rule = await mustGet(clickhouse, request.params.id);
    await deleteRule(clickhouse, rule);
    await unscheduleRule(queue, rule.id);
    await recordAudit(clickhouse, { actor: requestActor(request), action: 'delete', object_type: 'rule', object_id: rule.id, detail: { name: rule.name } });
    return reply.status(204).send();
  });

  // Evaluates now and sends a test notification to every channel; the rule's state is untouched.
  const test = {
    summary: 'Evaluate a rule now and send a test notification',
    description: "Evaluates the rule over its latest window and sends a notification marked as a test to each of its channels; the rule's state is not changed.",
    params: idParams,
    response: errors,
  };
  app.post<{ Params: { id: string } }>('/api/alerts/:id/test', { config: analyst, schema: test }, async (request) => {
    const rule = await mustGet(clickhouse, request.params.id);
    const now = Date.now();
    const observation = await evaluateRule(clickhouse, rule, now);
    const status = (await getState(clickhouse, rule.id))?.status ?? 'ok';
    const notification = buildNotification(rule, { at: now, from: status, to: status }, observation, origin(request), true);
    const deliveries = await deliver(rule, notification, { baseUrl: origin(request), attempts: 3, retryBaseMs: 500 });
    return { observation, notification, deliveries };
  });

  app.get<{ Params: { id: string }; Querystring: { limit: number } }>(
    '/api/alerts/:id/history',
    {
      config: viewer,
      schema: {
        summary: "A rule's history of state changes",
        description: 'Each state change of the rule (time, from, to, observed value, threshold and n), newest first.',
        params: idParams,
        querystring: limitQuery,
        response: errors,
      },
    },
    async (request) => {
      const rule = await mustGet(clickhouse, request.params.id);
      const history = await listHistory(clickhouse, { ruleId: rule.id, limit: request.query.limit });
      return { rule_id: rule.id, history: history.map((entry) => withLinks(entry, rule)) };
    },
  );

  const feedSchema = { summary: 'The in-app feed of alerts', description: "Every rule's state changes, newest first.", querystring: limitQuery, response: errors };
  app.get<{ Querystring: { limit: number } }>('/api/alerts/feed', { config: viewer, schema: feedSchema }, async (request) => {
    const feed = await listHistory(clickhouse, { limit: request.query.limit });
    const rules = new Map((await listRules(clickhouse)).map((r) => [r.id, r]));
    return { feed: feed.map((entry) => withLinks(entry, rules.get(entry.rule_id))) };
  });

  // What a rule can watch, each with its definition, so forms show the same words as notifications.
  const metricsSchema = { summary: 'What an alert rule can watch', description: 'Every metric a rule may name, with its definition.', response: errors };
  app.get('/api/alerts/metrics', { config: viewer, schema: metricsSchema }, async () => ({
    metrics: ALERT_METRICS.map((name) => ({ name, definition: metricDefinition(name) })),
  }));

  app.post<{ Body: { id?: string; rule?: unknown; from?: string; to?: string } }>(
    '/api/alerts/backtest',
    {
      config: analyst,
      schema: {
        summary: 'When a rule would have fired over the stored history',
        description: 'Replays a stored rule (id) or an unsaved one (rule) hour by hour over [from, to) (default: all stored data) and lists the state changes it would have made.',
        body: backtestBody,
        response: errors,
      },
    },
    async (request) => {
      const { id, rule: input, from, to } = request.body;
      if ((id === undefined) === (input === undefined)) throw badRequest('send either id (a stored rule) or rule (an unsaved one)');
      const rule = id !== undefined ? await mustGet(clickhouse, id) : parseRule(input);
      let start = parseInstant('from', from)?.getTime();
      let end = parseInstant('to', to)?.getTime();
      if (start === undefined || end === undefined) {
        const extent = await queryDataExtent(clickhouse);
        if (!extent) throw badRequest('no data is stored: give from and to');
        start ??= extent.first;
        end ??= extent.last + 3_600_000;
      }
      return { rule: id ?? null, ...(await backtest(clickhouse, rule, new Date(start), new Date(end))) };
    },
  );
}
