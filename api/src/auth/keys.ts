import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The API key format: `rift_<id>_<secret>`. The id (12 hex digits) is public: it names the key
 * in `rift keys list`, in logs and in the rate limiter, and it is how a key is looked up, so
 * that the lookup itself never depends on the secret. The secret is 256 random bits; with that
 * much entropy a plain SHA-256 is enough to store it (no slow hash is needed against guessing).
 */

const KEY = /^rift_([0-9a-f]{12})_([0-9a-f]{64})$/;

export interface NewKey {
  id: string;
  /** The whole key, shown once to the person who creates it. */
  key: string;
  /** What is stored: the SHA-256 of the whole key, in hex. */
  hash: string;
}

export function generateKey(): NewKey {
  const id = randomBytes(6).toString('hex');
  const key = `rift_${id}_${randomBytes(32).toString('hex')}`;
  return { id, key, hash: hashKey(key) };
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The id of a well-formed key, or undefined for anything else. */
export function keyId(key: string): string | undefined {
  return KEY.exec(key)?.[1];
}

/** Whether `key` hashes to `storedHash`, compared in constant time so that timing tells nothing. */
export function keyMatches(key: string, storedHash: string): boolean {
  const presented = createHash('sha256').update(key, 'utf8').digest();
  const stored = Buffer.from(storedHash, 'hex');
  // timingSafeEqual needs equal lengths; a stored hash of another length is corrupt, never a match.
  if (stored.length !== presented.length) return false;
  return timingSafeEqual(presented, stored);
}
