import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The API key format: `rift_<id>_<secret>_<check>`. The id (12 hex digits) is public: it names
 * the key in `rift keys list`, in logs and in the rate limiter, and it is how a key is looked
 * up, so that the lookup itself never depends on the secret. The secret is 256 random bits; with
 * that much entropy a plain SHA-256 is enough to store it (no slow hash is needed against guessing).
 *
 * The check (8 hex digits of a SHA-256 over id and secret) is verified in memory before any
 * lookup: a made-up, truncated or mistyped key is refused without a store query. It is public,
 * so it stops noise, not a forger; forgers are held back by the failed-authentication limit.
 *
 * Keys made before the check existed (`rift_<id>_<secret>`) keep working: they are "legacy"
 * keys, accepted only when their id is among the stored ids (key-cache.ts keeps that list).
 */
const CHECKED_KEY = /^rift_([0-9a-f]{12})_([0-9a-f]{64})_([0-9a-f]{8})$/;
const LEGACY_KEY = /^rift_([0-9a-f]{12})_([0-9a-f]{64})$/;

export interface NewKey {
  id: string;
  /** The whole key, shown once to the person who creates it. */
  key: string;
  /** What is stored: the SHA-256 of the whole key, in hex. */
  hash: string;
}

/** A key whose form is right: its id, and whether it is a legacy key without a check. */
export interface ParsedKey {
  id: string;
  legacy: boolean;
}

function checkOf(id: string, secret: string): string {
  return createHash('sha256').update(`rift-key-check:${id}:${secret}`, 'utf8').digest('hex').slice(0, 8);
}

export function generateKey(): NewKey {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('hex');
  const key = `rift_${id}_${secret}_${checkOf(id, secret)}`;
  return { id, key, hash: hashKey(key) };
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The id of a key that could be real (right form, right check), or undefined for anything else. */
export function parseKey(key: string): ParsedKey | undefined {
  const checked = CHECKED_KEY.exec(key);
  if (checked) return checkOf(checked[1]!, checked[2]!) === checked[3] ? { id: checked[1]!, legacy: false } : undefined;
  const legacy = LEGACY_KEY.exec(key);
  return legacy ? { id: legacy[1]!, legacy: true } : undefined;
}

/** Whether `key` hashes to `storedHash`, compared in constant time so that timing tells nothing. */
export function keyMatches(key: string, storedHash: string): boolean {
  const presented = createHash('sha256').update(key, 'utf8').digest();
  const stored = Buffer.from(storedHash, 'hex');
  // timingSafeEqual needs equal lengths; a stored hash of another length is corrupt, never a match.
  if (stored.length !== presented.length) return false;
  return timingSafeEqual(presented, stored);
}
