/**
 * A loopback Jetstream v1 server (`/subscribe`), as its README documents it: JSON text frames
 * {did, time_us, kind: commit|identity|account, commit?: {rev, operation, collection, rkey,
 * record?, cid?}}; `wantedCollections` (repeatable, `app.bsky.feed.*` prefixes allowed) filters
 * commits while identity and account events always pass; `cursor` (unix µs) replays from that
 * time. Events are the real captured sample, with TikTok posts shaped like its posts woven in.
 * Scripted: sockets that drop after N events, connections refused, a frame that is not JSON.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { REPO_ROOT } from '@rift/core';
import { listenOnLoopback, stopServer } from '@rift/testing/fixture-server';

const SAMPLE = path.resolve(REPO_ROOT, '../shared/data/samples/bluesky/jetstream-v1-events.jsonl');

export type JetstreamEvent = { did: string; time_us: number; kind: string; commit?: { collection: string; operation: string; [k: string]: unknown }; [k: string]: unknown };

export function sampleEvents(): JetstreamEvent[] {
  return readFileSync(SAMPLE, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as JetstreamEvent);
}

/**
 * The sample's events plus `count` TikTok posts, the k-th right after sample event 5k, each a
 * copy of the sample's first post create with its own author, rkey, time and text.
 */
export function eventsWithTikTokPosts(count: number): { events: JetstreamEvent[]; postIds: string[] } {
  const sample = sampleEvents();
  const template = sample.find((e) => e.kind === 'commit' && e.commit?.collection === 'app.bsky.feed.post' && e.commit.operation === 'create')!;
  const events: JetstreamEvent[] = [];
  const postIds: string[] = [];
  sample.forEach((event, i) => {
    events.push(event);
    if (i % 5 !== 0 || i / 5 >= count) return;
    const k = i / 5;
    const copy = structuredClone(template) as JetstreamEvent & { commit: { rkey: string; record: Record<string, unknown> } };
    copy.did = `did:plc:tiktokfixture${String(k).padStart(3, '0')}`;
    copy.time_us = event.time_us + 1;
    copy.commit.rkey = `3mfix${String(k).padStart(4, '0')}`;
    copy.commit.record = { $type: 'app.bsky.feed.post', createdAt: '2026-07-04T14:38:06.000Z', langs: [k % 2 ? 'zh' : 'en'], text: k % 2 ? `TikTok难民来到小红书 ${k}` : `The TikTok ban is back in court, day ${k}` };
    events.push(copy);
    postIds.push(`at://${copy.did}/app.bsky.feed.post/${copy.commit.rkey}`);
  });
  return { events, postIds };
}

export interface JetstreamFixture {
  url: string;
  /** Each connection's query, in order. */
  connections: URLSearchParams[];
  events: JetstreamEvent[];
  /** For the n-th connection (0-based): drop the socket after this many frames. */
  dropAfter: Array<number | undefined>;
  /** For the n-th connection: stop sending after this many frames but keep the socket open. */
  holdAfter: Array<number | undefined>;
  /** Refuse this many upcoming connections with HTTP 503. */
  refuse: number;
  /** Frames sent as-is before the events, to every connection (e.g. a line that is not JSON). */
  rawFrames: string[];
  close(): Promise<void>;
}

function wanted(event: JetstreamEvent, collections: string[]): boolean {
  if (event.kind !== 'commit' || collections.length === 0) return true;
  const collection = event.commit?.collection ?? '';
  return collections.some((c) => (c.endsWith('.*') ? collection.startsWith(c.slice(0, -1)) : collection === c));
}

export async function startJetstreamFixture(events: JetstreamEvent[]): Promise<JetstreamFixture> {
  const http = createServer((_req, res) => {
    res.writeHead(404).end();
  });
  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  const fixture: JetstreamFixture = {
    url: '',
    connections: [],
    // Replay from a cursor comes in time order.
    events: [...events].sort((a, b) => a.time_us - b.time_us),
    dropAfter: [],
    holdAfter: [],
    refuse: 0,
    rawFrames: [],
    close: async () => {
      for (const socket of sockets) socket.terminate();
      wss.close();
      await stopServer(http);
    },
  };

  http.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    if (url.pathname !== '/subscribe' || fixture.refuse > 0) {
      if (fixture.refuse > 0) fixture.refuse--;
      socket.end('HTTP/1.1 503 Service Unavailable\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const n = fixture.connections.push(url.searchParams) - 1;
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      const collections = url.searchParams.getAll('wantedCollections');
      const cursor = url.searchParams.has('cursor') ? Number(url.searchParams.get('cursor')) : undefined;
      const frames = [
        ...fixture.rawFrames,
        ...fixture.events.filter((e) => (cursor === undefined || e.time_us >= cursor) && wanted(e, collections)).map((e) => JSON.stringify(e)),
      ];
      const drop = fixture.dropAfter[n];
      const hold = fixture.holdAfter[n];
      const limit = Math.min(drop ?? Infinity, hold ?? Infinity, frames.length);
      for (let i = 0; i < limit; i++) {
        // A drop is abrupt (no close handshake), once the frames before it are written.
        const dropNow = drop !== undefined && i === limit - 1 ? () => ws.terminate() : undefined;
        ws.send(frames[i]!, dropNow);
      }
      if (drop !== undefined && limit === 0) ws.terminate();
    });
  });
  fixture.url = `ws://127.0.0.1:${await listenOnLoopback(http)}/subscribe`;
  return fixture;
}
