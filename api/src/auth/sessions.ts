/**
 * Browser sessions for a key. Zeeschuimer uploads to a "4CAT server" with the browser's cookies
 * and no Authorization header, so a researcher signs in once with a key and the browser carries a
 * session cookie from then on. Only routes that declare `cookieAuth` accept it; the rest of the API
 * keeps to bearer keys. Redis holds the session under a hash of its token (a leaked Redis dump
 * signs nobody in), with the key's id, so a revoked key ends its sessions too.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from '@rift/core';
import type { ApiClient } from './key-cache.ts';
import { isRole } from './roles.ts';

export const SESSION_COOKIE = 'rift_session';
/** A working day: long enough for a collection session, short enough that a forgotten one ends. */
export const SESSION_TTL_SECONDS = 12 * 3600;

export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private keyOf(token: string): string {
    return `${this.prefix}:session:${createHash('sha256').update(token).digest('hex')}`;
  }

  async create(client: ApiClient): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.redis.set(this.keyOf(token), JSON.stringify(client), 'EX', SESSION_TTL_SECONDS);
    return token;
  }

  async find(token: string): Promise<ApiClient | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    const stored = await this.redis.get(this.keyOf(token));
    if (!stored) return undefined;
    const client = JSON.parse(stored) as Partial<ApiClient>;
    if (typeof client.id !== 'string' || typeof client.name !== 'string' || !isRole(client.role)) return undefined;
    return { id: client.id, name: client.name, role: client.role };
  }

  async end(token: string): Promise<void> {
    await this.redis.del(this.keyOf(token));
  }
}

/** The value of one cookie in a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * The cookie a sign-in sets: HttpOnly (no script reads it), SameSite=Lax (another site's form
 * cannot post with it), scoped to the API.
 */
export function sessionCookie(token: string, maxAge = SESSION_TTL_SECONDS): string {
  return `${SESSION_COOKIE}=${token}; Path=/api; HttpOnly; SameSite=Lax; Max-Age=${maxAge}`;
}
