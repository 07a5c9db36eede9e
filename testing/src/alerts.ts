import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ClickHouse, POSTS_TABLE } from '@rift/core';
import { postRow, type TestPost } from './posts.ts';

/**
 * Test data for alerts: hours of public posts whose oppose share is set by hand, and a webhook
 * receiver on loopback that records what it is sent and answers the statuses it is told to.
 */

/** The first seeded hour. Each entry of SHARES is one hour after it. */
export const SEED_START = Date.UTC(2024, 5, 3, 0);
export const HOUR = 3_600_000;

/** [oppose share, posts] per hour: calm, a rise, a dip between the two thresholds, a fall, then a tiny sample. */
export const SHARES: Array<[number, number]> = [
  [0.3, 40], [0.3, 40], [0.7, 40], [0.75, 40], [0.55, 40], [0.65, 40], [0.4, 40], [0.3, 40], [0.3, 40], [1, 10],
];

export function seededPosts(): TestPost[] {
  return SHARES.flatMap(([share, n], hour) =>
    Array.from({ length: n }, (_, i): TestPost => ({
      id: `h${hour}-${i}`,
      created_at: new Date(SEED_START + hour * HOUR + i * 60_000).toISOString(),
      actor: 'public',
      stance: i < Math.round(share * n) ? 'oppose_ban' : 'neutral',
      sentiment: 'neutral',
      sentiment_score: 0,
    })),
  );
}

export async function seed(clickhouse: ClickHouse): Promise<void> {
  await clickhouse.insert(POSTS_TABLE, seededPosts().map(postRow));
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Statuses to answer, in order; 200 once they run out. */
  statuses: number[];
  close(): Promise<void>;
}

export async function startReceiver(statuses: number[] = []): Promise<Receiver> {
  const received: Received[] = [];
  const receiver = { received, statuses } as Receiver;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = receiver.statuses.shift() ?? 200;
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}
