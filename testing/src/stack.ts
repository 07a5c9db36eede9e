import type { AddressInfo } from 'node:net';
import { evaluateAndRecord, type EvaluationOutcome } from '@rift/alerts';
import { ApiKeyStore, type Role, startServer } from '@rift/api';
import { createLogger, insertSourceRun, type PostInput, type SourceRun, type TopicPack } from '@rift/core';
import { feed, generateDemoPosts, RelevanceFilter, RunRecorder } from '@rift/ingest';
import { DASHBOARD_DIR, startAlerts, type Alerts } from '@rift/cli';
import { startTestPipeline } from './pipeline.ts';

export interface TestStack {
  baseUrl: string;
  /** A new API key with this role, for the journeys that write (alerts, saved views, uploads). */
  createKey(role: Role): Promise<string>;
  /**
   * Evaluates a stored alert rule as of `at` with the alerts worker's own code (evaluateAndRecord:
   * state machine, history, notifications). Unless `alerts` is set the stack runs no alerts worker,
   * so a test decides when evaluations happen and can place them in the stored history.
   */
  evaluateAlert(ruleId: string, at: number): Promise<EvaluationOutcome>;
  /**
   * Sends more posts through the real queue and analyze worker (started again for them) and
   * resolves once they are stored. One call at a time.
   */
  addPosts(posts: PostInput[]): Promise<void>;
  close(): Promise<void>;
}

export interface TestStackOptions {
  /** Demo posts to load (default 20,000). */
  posts?: number;
  /** Posts of the test's own, for cases the demo corpus lacks (hostile markup, say). */
  extra?: PostInput[];
  /** Runs of the test's own sources to record (a failed run, say), as a runner would record them. */
  runs?: SourceRun[];
  /**
   * Runs the alerts role as `rift start` does: a job scheduler per rule (the API adds one as a rule
   * is saved) and the worker that evaluates rules on their schedule, with links to this stack.
   */
  alerts?: boolean;
  /** The topic pack the API answers with (its timeline and period); the analysis keeps the configured one. */
  apiPack?: TopicPack;
}

/**
 * The whole of Rift on real services for browser tests: demo posts (and any extra ones) sent
 * through the real queue and analyze worker into a fresh database, and the API serving the
 * built dashboard on a free port.
 */
export async function startTestStack(options: TestStackOptions = {}): Promise<TestStack> {
  const pipeline = await startTestPipeline();
  try {
    const relevance = new RelevanceFilter(pipeline.pack);
    const demo = (function* () {
      for (const post of generateDemoPosts({ count: options.posts ?? 20_000 })) yield { post: relevance.annotate(post) };
    })();
    // The demo load is one recorded run of "demo", as `rift start` records it.
    const runs = new RunRecorder(pipeline.db.clickhouse, createLogger('silent', 'test'));
    await runs.track('demo', 'demo', () => feed(demo, pipeline.producer({ batchSize: 1000 }), 'demo'));
    const feedExtra = (posts: PostInput[]) => feed(posts.map((post) => ({ post: relevance.annotate(post) })), pipeline.producer({ batchSize: 1000 }), 'extra');
    await feedExtra(options.extra ?? []);
    for (const run of options.runs ?? []) await insertSourceRun(pipeline.db.clickhouse, run);
    await pipeline.drained();
    await pipeline.stopWorker();
    const app = await startServer(
      {
        clickhouse: pipeline.db.clickhouse,
        redis: pipeline.redis,
        postsQueue: pipeline.queue,
        queuePrefix: pipeline.prefix,
        pack: options.apiPack ?? pipeline.pack,
        dashboardDir: DASHBOARD_DIR,
      },
      { host: '127.0.0.1', port: 0 },
    );
    const { port } = app.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    let alerts: Alerts | undefined;
    try {
      if (options.alerts) alerts = await startAlerts({ clickhouse: pipeline.db.clickhouse, redis: pipeline.redis, prefix: pipeline.prefix, baseUrl });
    } catch (error) {
      await app.close();
      throw error;
    }
    return {
      baseUrl,
      async createKey(role) {
        return (await new ApiKeyStore(pipeline.db.clickhouse).create(role, `browser test ${role}`)).key;
      },
      evaluateAlert(ruleId, at) {
        return evaluateAndRecord(
          ruleId,
          { clickhouse: pipeline.db.clickhouse, redis: pipeline.redis, prefix: pipeline.prefix, delivery: { baseUrl } },
          at,
        );
      },
      async addPosts(posts) {
        pipeline.startWorker();
        await feedExtra(posts);
        await pipeline.drained();
        await pipeline.stopWorker();
      },
      async close() {
        if (alerts) {
          // Evaluations in flight finish first; the schedulers go with the queue's keys.
          await alerts.worker.close();
          await alerts.queue.obliterate({ force: true });
          await alerts.close();
        }
        await app.close();
        await pipeline.close();
      },
    };
  } catch (error) {
    await pipeline.close();
    throw error;
  }
}
