import { setTimeout as sleep } from 'node:timers/promises';

export interface PoliteHttpOptions {
  /** Requests in flight at once for this source. */
  concurrency: number;
  /** Most requests per minute for this source (its request budget). */
  requestsPerMinute: number;
  /** Attempts for one request when the failure is transient (5xx, 429, network, truncated body). */
  attempts: number;
  /** First backoff delay; doubles each attempt, with full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  userAgent: string;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Injected for tests; defaults to Math.random. */
  random?: () => number;
}

/** A failed request. `retryable` says whether a later run may succeed (5xx, 429) or not (4xx). */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
    /** How long the server asked us to wait (Retry-After), if it did. */
    readonly waitMs?: number,
  ) {
    super(message);
  }
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The body read as UTF-8. */
  text: string;
  /** The body as sent, for sources that decode a declared charset themselves (feeds). */
  bytes: Uint8Array;
}

/** Seconds or an HTTP date, as Retry-After allows; undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * When the server says the budget is spent (x-ratelimit-remaining: 0), how long until it resets.
 * Reset is read as epoch seconds, an ISO date, or seconds from now, the forms APIs use.
 */
export function rateLimitWaitMs(headers: Headers, now = Date.now()): number | undefined {
  // Mastodon sends x-ratelimit-*; Bluesky sends the IETF draft's unprefixed ratelimit-*.
  const remaining = headers.get('x-ratelimit-remaining') ?? headers.get('ratelimit-remaining');
  if (remaining?.trim() !== '0') return undefined;
  const reset = (headers.get('x-ratelimit-reset') ?? headers.get('ratelimit-reset'))?.trim();
  if (!reset) return undefined;
  if (/^\d+(\.\d+)?$/.test(reset)) {
    const n = Number(reset);
    return n > 1e9 ? Math.max(0, n * 1000 - now) : n * 1000;
  }
  const date = Date.parse(reset);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * HTTP for one source, polite by construction: a request budget and a concurrency limit,
 * exponential backoff with jitter on transient failures, Retry-After and rate-limit headers obeyed,
 * and client errors (4xx) reported at once instead of retried.
 */
export class PoliteHttp {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private nextSlot = 0;
  private pausedUntil = 0;
  private readonly fetch: typeof fetch;
  private readonly random: () => number;

  constructor(private readonly options: PoliteHttpOptions) {
    this.fetch = options.fetch ?? fetch;
    this.random = options.random ?? Math.random;
  }

  async getJson<T>(url: string | URL, signal?: AbortSignal): Promise<{ body: T; headers: Headers }> {
    const response = await this.get(url, signal, true);
    return { body: JSON.parse(response.text) as T, headers: response.headers };
  }

  /** GET with retries. With `json`, a body that does not parse counts as a transient failure. */
  async get(url: string | URL, signal?: AbortSignal, json = false): Promise<HttpResponse> {
    let lastError: HttpError | undefined;
    for (let attempt = 0; attempt < this.options.attempts; attempt++) {
      if (attempt > 0) await sleep(this.backoffMs(attempt, lastError), undefined, { signal });
      const result = await this.attempt(url, signal, json);
      if (!(result instanceof HttpError)) return result;
      if (!result.retryable) throw result;
      lastError = result;
    }
    throw lastError ?? new HttpError(`GET ${url} failed`, undefined, true);
  }

  private backoffMs(attempt: number, error: HttpError | undefined): number {
    if (error?.waitMs !== undefined) return Math.min(error.waitMs, this.options.maxDelayMs * 10);
    const ceiling = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private async attempt(url: string | URL, signal: AbortSignal | undefined, json: boolean): Promise<HttpResponse | HttpError> {
    await this.acquire(signal);
    try {
      let response: Response;
      try {
        response = await this.fetch(url, {
          headers: { 'user-agent': this.options.userAgent, accept: json ? 'application/json' : '*/*' },
          signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(30_000)]) : AbortSignal.timeout(30_000),
        });
      } catch (err) {
        if (signal?.aborted) throw err;
        return new HttpError(`GET ${url}: ${(err as Error).message}`, undefined, true);
      }
      const headers = response.headers;
      const budgetWait = rateLimitWaitMs(headers);
      if (budgetWait !== undefined) this.pausedUntil = Math.max(this.pausedUntil, Date.now() + budgetWait);
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await response.arrayBuffer());
      } catch (err) {
        return new HttpError(`GET ${url}: body cut off (${(err as Error).message})`, response.status, true);
      }
      const text = new TextDecoder().decode(bytes);
      if (response.status === 429 || response.status === 503 || response.status >= 500 || response.status === 408) {
        const wait = retryAfterMs(headers);
        if (wait !== undefined) this.pausedUntil = Math.max(this.pausedUntil, Date.now() + wait);
        return new HttpError(`GET ${url}: HTTP ${response.status}`, response.status, true, wait);
      }
      if (response.status >= 400) return new HttpError(`GET ${url}: HTTP ${response.status}`, response.status, false);
      if (json) {
        try {
          JSON.parse(text);
        } catch {
          return new HttpError(`GET ${url}: the JSON body is truncated or malformed`, response.status, true);
        }
      }
      return { status: response.status, headers, text, bytes };
    } finally {
      this.release();
    }
  }

  /** Waits for a concurrency slot, the request budget's next slot, and any server-imposed pause. */
  private async acquire(signal: AbortSignal | undefined): Promise<void> {
    if (this.active < this.options.concurrency) this.active++;
    else await this.waitForSlot(signal);
    const spacing = 60_000 / this.options.requestsPerMinute;
    const now = Date.now();
    const at = Math.max(now, this.nextSlot, this.pausedUntil);
    this.nextSlot = at + spacing;
    try {
      if (at > now) await sleep(at - now, undefined, { signal });
    } catch (err) {
      this.release();
      throw err;
    }
  }

  /**
   * Queues for a slot that `release` hands over directly (the count stays the same), so a caller
   * arriving in between cannot take it too. An abort leaves the queue instead of holding a place.
   */
  private waitForSlot(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiting.indexOf(take);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal!.reason);
      };
      const take = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      if (signal?.aborted) return reject(signal.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(take);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
