import type { FastifyInstance } from 'fastify';
import { badRequest, type ClickHouse, HttpError, recordAudit } from '@rift/core';
import { PARAM_MAX_LENGTH, PARAMS_MAX_COUNT, paramProblems, VIEW_PAGES, viewUrl, type ViewPage } from '../views/view-params.ts';
import { createView, deleteView, getView, listViews, type StoredView } from '../views/view-store.ts';
import { requestActor } from './audit.ts';
import { recordErrors as errors, uuidIdParams as idParams } from './record-schemas.ts';

/**
 * Saved views: a name for a page's state (its URL parameters) that anyone can list and reopen.
 * Reading needs viewer; saving needs a key of any role (never anonymous, even when reads are
 * public, so every view says which key saved it); deleting needs analyst.
 */

const NAME_MAX_LENGTH = 120;

const paramsSchema = {
  type: 'object',
  maxProperties: PARAMS_MAX_COUNT,
  additionalProperties: { type: 'string', maxLength: PARAM_MAX_LENGTH },
  description: "The page's URL query parameters, by name; the names each page accepts are in api/src/views/view-params.ts",
} as const;

const viewBody = {
  type: 'object',
  required: ['name', 'page', 'params'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: NAME_MAX_LENGTH, pattern: '\\S', description: 'What the user calls the view' },
    page: { type: 'string', enum: VIEW_PAGES, description: 'divide (the page at /) or explore (/explore)' },
    params: paramsSchema,
  },
} as const;

const viewSchema = {
  type: 'object',
  required: ['id', 'name', 'page', 'params', 'url', 'created_at'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    page: { type: 'string', enum: VIEW_PAGES },
    params: { type: 'object', additionalProperties: { type: 'string' } },
    url: { type: 'string', description: 'The dashboard link that reopens the view' },
    created_at: { type: 'string', description: 'ISO 8601, whole seconds' },
  },
} as const;

const publicView = (view: StoredView) => ({
  id: view.id,
  name: view.name,
  page: view.page,
  params: view.params,
  url: viewUrl(view.page, view.params),
  created_at: view.created_at,
});

async function mustGet(clickhouse: ClickHouse, id: string): Promise<StoredView> {
  const view = await getView(clickhouse, id);
  if (!view) throw new HttpError(404, `no saved view with id ${JSON.stringify(id)}`);
  return view;
}

interface ViewBody {
  name: string;
  page: ViewPage;
  params: Record<string, string>;
}

export function viewsRoutes(app: FastifyInstance, clickhouse: ClickHouse): void {
  const viewer = { role: 'viewer' as const };

  const listSchema = {
  summary: 'List saved views',
  description: 'Every saved view (a named page of the dashboard with its URL parameters), newest first.',
    querystring: { type: 'object', additionalProperties: false },
    response: { 200: { type: 'object', required: ['views'], properties: { views: { type: 'array', items: viewSchema } } }, ...errors },
  };
  app.get('/api/views', { config: viewer, schema: listSchema }, async () => ({ views: (await listViews(clickhouse)).map(publicView) }));

  app.get<{ Params: { id: string } }>('/api/views/:id', { config: viewer, schema: { summary: 'One saved view', description: 'A saved view with its parameters and the dashboard link that reopens it.', params: idParams, response: { 200: viewSchema, ...errors } } }, async (request) =>
    publicView(await mustGet(clickhouse, request.params.id)),
  );

  app.post<{ Body: ViewBody }>('/api/views', { config: viewer, schema: { summary: 'Save a view', description: "Saves a dashboard page's URL parameters under a name. Needs an API key of any role.", security: [{ apiKey: [] }], body: viewBody, response: { 201: viewSchema, ...errors } } }, async (request, reply) => {
    // Public reads let an anonymous request through a viewer route; a write still needs a key.
    if (request.client === null) {
      throw new HttpError(401, 'saving a view needs an API key of any role: send "Authorization: Bearer KEY"', { 'www-authenticate': 'Bearer realm="rift"' });
    }
    const { page, params } = request.body;
    const problems = paramProblems(page, params);
    if (problems.length) throw badRequest(problems.join('; '));
    const view = await createView(clickhouse, { name: request.body.name.trim(), page, params }, request.client.id);
    await recordAudit(clickhouse, { actor: requestActor(request), action: 'create', object_type: 'view', object_id: view.id, detail: { name: view.name, page } });
    return reply.status(201).send(publicView(view));
  });

  app.delete<{ Params: { id: string } }>('/api/views/:id', { config: { role: 'analyst' }, schema: { summary: 'Delete a saved view', description: 'Deletes a saved view. Needs an analyst key.', params: idParams, response: { 204: { type: 'null' }, ...errors } } }, async (request, reply) => {
    const view = await mustGet(clickhouse, request.params.id);
    await deleteView(clickhouse, view);
    await recordAudit(clickhouse, { actor: requestActor(request), action: 'delete', object_type: 'view', object_id: view.id, detail: { name: view.name } });
    return reply.status(204).send();
  });
}
