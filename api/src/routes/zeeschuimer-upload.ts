/**
 * The two routes of 4CAT's API that Zeeschuimer's "to 4CAT" button calls, so a researcher can
 * give Rift's address as the extension's 4CAT URL: `POST /api/import-dataset/` with the NDJSON
 * export as the body and the platform in `X-Zeeschuimer-Platform`, answered with a `key`; then
 * `GET /api/check-query/?key=...`, polled until `done`. The extension sends the browser's cookies,
 * not a bearer key, so both accept a signed-in session (see routes/session.ts).
 */
import { HttpError } from '@rift/core';
import { randomBytes } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { Redis, TopicPack } from '@rift/core';
import { describeZeeschuimerImport, importZeeschuimer, PostProducer, readZeeschuimerBody, RelevanceFilter, sourceOfPlatform } from '@rift/ingest';
import { errorBodySchema } from '../errors.ts';

/** Uploads are whole exports; this is far above a day of browsing and far below the memory of the API. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
/** How long an upload's status can be polled. */
const STATUS_TTL_SECONDS = 30 * 24 * 3600;

interface UploadStatus {
  key: string;
  status: string;
  done: boolean;
  rows: number;
  datasource: string;
  url: string;
  empty: boolean;
  counts: ReturnType<typeof countsOf>;
}

function countsOf(stats: Awaited<ReturnType<typeof importZeeschuimer>>) {
  const { lines, queued, alreadyStored, duplicatesInFile, stubs, rejected, bySource } = stats;
  return { lines, queued, already_stored: alreadyStored, duplicates_within_file: duplicatesInFile, stubs, rejected, by_source: bySource };
}

const statusSchema = {
  type: 'object',
  required: ['key', 'status', 'done', 'rows', 'datasource', 'url', 'empty', 'counts'],
  properties: {
    key: { type: 'string' },
    status: { type: 'string' },
    done: { type: 'boolean' },
    rows: { type: 'integer', description: 'Posts of the upload that Rift holds: queued now or stored before' },
    datasource: { type: 'string', description: 'rednote, tiktok or douyin' },
    url: { type: 'string', description: "The Explorer, showing the platform's posts" },
    empty: { type: 'boolean' },
    counts: {
      type: 'object',
      properties: {
        lines: { type: 'integer' },
        queued: { type: 'integer' },
        already_stored: { type: 'integer' },
        duplicates_within_file: { type: 'integer' },
        stubs: { type: 'integer' },
        rejected: { type: 'integer' },
        by_source: { type: 'object', additionalProperties: { type: 'integer' } },
      },
    },
  },
} as const;

/** What the upload route needs of the app: the queue it feeds, Redis for its status, the topic pack for relevance. */
export interface UploadDeps {
  redis: Redis;
  postsQueue: Queue;
  queuePrefix: string;
  pack: TopicPack;
}

export function zeeschuimerUploadRoutes(app: FastifyInstance, deps: UploadDeps): void {
  const statusKey = (key: string) => `${deps.queuePrefix}:zeeschuimer-upload:${key}`;
  const relevance = new RelevanceFilter(deps.pack);

  app.register(async (scope) => {
    // The extension posts a Blob (application/x-ndjson, or no type at all): read any body as bytes, here only.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_request, body, done) => done(null, body));

    scope.post(
      '/api/import-dataset/',
      {
        bodyLimit: MAX_UPLOAD_BYTES,
        config: { role: 'analyst', cookieAuth: true },
        schema: {
          summary: 'Upload a Zeeschuimer export (4CAT-compatible)',
          description:
            "What Zeeschuimer's \"to 4CAT\" button sends: the NDJSON export as the body, the platform in X-Zeeschuimer-Platform. Its posts are queued for analysis before the answer; poll /api/check-query/ with the key. Needs an analyst key or a signed-in session.",
          response: { 200: { type: 'object', required: ['status', 'key', 'url'], properties: { status: { type: 'string' }, key: { type: 'string' }, url: { type: 'string' } } }, 404: errorBodySchema },
        },
      },
      async (request) => {
        const header = request.headers['x-zeeschuimer-platform'];
        const platform = typeof header === 'string' ? header : '';
        const datasource = sourceOfPlatform(platform);
        // The extension shows its own hint when the message says this.
        if (!datasource) throw new HttpError(404, `Unknown platform or source format: "${platform}"; Rift reads RedNote (xiaohongshu.com), TikTok and Douyin`);
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const producer = new PostProducer(deps.postsQueue, deps.redis, { batchSize: 500, prefix: deps.queuePrefix });
        const stats = await importZeeschuimer(readZeeschuimerBody(body), producer, { filter: (post) => relevance.annotate(post) });
        const key = randomBytes(12).toString('hex');
        const rows = stats.queued + stats.alreadyStored;
        const url = `${origin(request)}/explore?metric=volume&group_by=source&source=${datasource}`;
        const status: UploadStatus = {
          key,
          status: `Queued for analysis: ${describeZeeschuimerImport(stats)}. Posts appear on the dashboard once scored.`,
          done: true,
          rows,
          datasource,
          url,
          empty: rows === 0,
          counts: countsOf(stats),
        };
        await deps.redis.set(statusKey(key), JSON.stringify(status), 'EX', STATUS_TTL_SECONDS);
        request.log.info({ upload: key, datasource, ...status.counts }, 'zeeschuimer upload queued');
        return { status: 'queued', key, url };
      },
    );
  });

  app.get<{ Querystring: { key: string } }>(
    '/api/check-query/',
    {
      config: { role: 'viewer', cookieAuth: true },
      schema: {
        summary: 'Status of a Zeeschuimer upload (4CAT-compatible)',
        description: 'Answers what /api/import-dataset/ did with an upload: the posts queued, already stored, duplicated within the file, stubs and rejected lines.',
        querystring: { type: 'object', required: ['key'], additionalProperties: false, properties: { key: { type: 'string', pattern: '^[0-9a-f]{24}$', description: 'The key /api/import-dataset/ answered with' } } },
        response: { 200: statusSchema, 404: errorBodySchema },
      },
    },
    async (request) => {
      const stored = await deps.redis.get(statusKey(request.query.key));
      if (!stored) throw new HttpError(404, 'no upload with this key (or its status has expired)');
      return JSON.parse(stored) as UploadStatus;
    },
  );
}

/** Where the client reached this server, for the link back to the dashboard. */
function origin(request: { protocol: string; host: string }): string {
  return `${request.protocol}://${request.host}`;
}
