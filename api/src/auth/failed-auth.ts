/**
 * Failed authentications per client (IP address) and minute. Access control asks before it
 * verifies a key, so a client past its budget gets 429 without costing a key lookup; every
 * refused key counts, whatever the reason (wrong form, wrong check, unknown, revoked, wrong secret).
 *
 * Fixed one-minute windows in this process's memory, like the request rate limit
 * (rate-limit.ts), bounded in the number of clients it remembers.
 */
export class FailedAuthLimiter {
  private readonly windows = new Map<string, { start: number; failures: number }>();

  constructor(
    readonly perMinute: number,
    private readonly maxClients = 10_000,
    private readonly windowMs = 60_000,
  ) {}

  /** Seconds until the client may try again, or 0 when it is within its budget. */
  retryAfterSeconds(client: string, now = Date.now()): number {
    const window = this.current(client, now);
    if (!window || window.failures < this.perMinute) return 0;
    return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
  }

  recordFailure(client: string, now = Date.now()): void {
    const window = this.current(client, now);
    if (window) {
      window.failures += 1;
      return;
    }
    // Oldest first: a Map iterates in insertion order.
    while (this.windows.size >= this.maxClients) this.windows.delete(this.windows.keys().next().value!);
    this.windows.set(client, { start: now, failures: 1 });
  }

  private current(client: string, now: number): { start: number; failures: number } | undefined {
    const window = this.windows.get(client);
    if (window && now - window.start < this.windowMs) return window;
    if (window) this.windows.delete(client);
    return undefined;
  }
}
