import type { FastifyInstance } from 'fastify';
import type { TopicPack } from '@rift/core';

const responseSchema = {
  type: 'object',
  required: ['pack', 'events'],
  properties: {
    pack: {
      type: 'object',
      required: ['id', 'version', 'title', 'period'],
      properties: {
        id: { type: 'string' },
        version: { type: 'string' },
        title: { type: 'string' },
        period: {
          type: ['object', 'null'],
          description: "The controversy's span as the pack declares it (first and last day, UTC), the dashboard's default window; null when the pack declares none",
          required: ['from', 'to'],
          properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } },
        },
      },
    },
    events: {
      type: 'array',
      items: {
        type: 'object',
        required: ['date', 'label'],
        properties: { date: { type: 'string' }, label: { type: 'string' } },
      },
    },
  },
} as const;

/** GET /api/events: the timeline of the topic pack, to mark on charts. */
export function eventsRoute(app: FastifyInstance, pack: TopicPack): void {
  // The pack is loaded once at start; its events are sorted once here, not per request.
  const events = [...pack.events].sort((a, b) => a.date.localeCompare(b.date));
  const body = { pack: { id: pack.id, version: pack.version, title: pack.title, period: pack.period ?? null }, events };
  app.get(
    '/api/events',
    {
      schema: {
        summary: "The topic pack's timeline of events",
        description: 'The events of the loaded topic pack (date and label), oldest first, that the charts mark; the pack is named with its version and the period it declares.',
        querystring: { type: 'object', additionalProperties: false, properties: {} },
        response: { 200: responseSchema },
      },
    },
    async () => body,
  );
}
