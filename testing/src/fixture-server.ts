/**
 * The common part of the connectors' loopback fixtures: an HTTP server on 127.0.0.1 with a free
 * port, a log of the requests it got, and interceptors that tests push to script faults (429s,
 * 5xx, cut-off bodies) ahead of the fixture's normal answer.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted or normal answer. */
export interface FixtureReply {
  status: number;
  headers?: Record<string, string>;
  /** Text is sent as UTF-8; bytes as they are (a feed in another charset). */
  body: string | Uint8Array;
}

/** Replaces the normal answer when it returns a reply; the first interceptor that does wins. */
export type Interceptor = (url: URL) => FixtureReply | undefined;

export interface FixtureServer<Logged = URL> {
  /** `http://127.0.0.1:<port>`, with no trailing slash. */
  baseUrl: string;
  /** Every request, in order; tests may empty it between runs. */
  requests: Logged[];
  interceptors: Interceptor[];
  close(): Promise<void>;
}

export interface FixtureServerOptions<Logged> {
  /** What the log keeps of a request; the URL itself by default. */
  log?: (url: URL) => Logged;
  /** Headers on every reply, scripted or not, computed once per request (e.g. rate-limit headers). */
  headers?: () => Record<string, string>;
}

/** A request as the timing tests read it: when it came, to check a Retry-After was honoured. */
export interface TimedRequest {
  path: string;
  params: URLSearchParams;
  at: number;
}

export const timedRequest = (url: URL): TimedRequest => ({ path: url.pathname, params: url.searchParams, at: Date.now() });

/** Starts a fixture whose normal answer to a request is `answer(url)`. */
export async function startFixtureServer<Logged = URL>(
  answer: (url: URL) => FixtureReply,
  options: FixtureServerOptions<Logged> = {},
): Promise<FixtureServer<Logged>> {
  const log = options.log ?? ((url: URL) => url as Logged);
  const server = createServer((req, res) => {
    // Parsed against the real address, so links the fixture builds from it point back here.
    const url = new URL(req.url ?? '/', fixture.baseUrl);
    fixture.requests.push(log(url));
    const common = options.headers?.() ?? {};
    const reply = intercepted(fixture.interceptors, url) ?? answer(url);
    res.writeHead(reply.status, { ...common, ...reply.headers });
    res.end(reply.body);
  });
  const fixture: FixtureServer<Logged> = { baseUrl: '', requests: [], interceptors: [], close: () => stopServer(server) };
  fixture.baseUrl = `http://127.0.0.1:${await listenOnLoopback(server)}`;
  return fixture;
}

function intercepted(interceptors: Interceptor[], url: URL): FixtureReply | undefined {
  for (const intercept of interceptors) {
    const reply = intercept(url);
    if (reply) return reply;
  }
  return undefined;
}

/** Listens on a free loopback port and returns it. */
export async function listenOnLoopback(server: Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** Closes the server and drops kept-alive connections, so a test's teardown never waits on them. */
export async function stopServer(server: Server): Promise<void> {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
}

/** A JSON reply; `headers` may override the content type. */
export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): FixtureReply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

/** A 429 asking the client to wait `seconds` before trying again. */
export function tooManyRequests(seconds: number, body: string): FixtureReply {
  return { status: 429, headers: { 'retry-after': String(seconds) }, body };
}

/** An interceptor that answers the next `count` requests that match `when` with `reply`, then steps aside. */
export function times(count: number, reply: FixtureReply, when: (url: URL) => boolean = () => true): Interceptor {
  let left = count;
  return (url) => {
    if (left <= 0 || !when(url)) return undefined;
    left--;
    return reply;
  };
}
