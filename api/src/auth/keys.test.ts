import { describe, expect, it, vi } from 'vitest';

// Wraps the real timingSafeEqual in a spy, to prove the comparison goes through it.
vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

const { timingSafeEqual } = await import('node:crypto');
const { generateKey, hashKey, keyMatches, parseKey } = await import('./keys.ts');
const { KeyAuthenticator } = await import('./key-cache.ts');
const { allows } = await import('./roles.ts');
type StoredKey = import('./key-store.ts').StoredKey;

describe('API keys', () => {
  it('look like rift_<id>_<secret>_<check> and are stored only as their SHA-256', () => {
    const { id, key, hash } = generateKey();
    expect(key).toMatch(/^rift_[0-9a-f]{12}_[0-9a-f]{64}_[0-9a-f]{8}$/);
    expect(parseKey(key)).toEqual({ id, legacy: false });
    expect(hash).toBe(hashKey(key));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(key.slice(18, 82));
    expect(generateKey().key).not.toBe(key);
  });

  it('refuse anything that is not a well-formed key, or whose check does not match', () => {
    const { key } = generateKey();
    const flipped = (at: number) => `${key.slice(0, at)}${key[at] === '0' ? '1' : '0'}${key.slice(at + 1)}`;
    const bad = ['', 'rift_', 'rift_abc_def', `rift_${'0'.repeat(12)}_${'g'.repeat(64)}`, `Rift_${'0'.repeat(12)}_${'0'.repeat(64)}`, key.slice(0, -1), flipped(5), flipped(40), flipped(key.length - 1)];
    for (const k of bad) expect(parseKey(k), k).toBeUndefined();
  });

  it('made before the check existed still parse, marked legacy', () => {
    expect(parseKey(`rift_${'a'.repeat(12)}_${'0'.repeat(64)}`)).toEqual({ id: 'a'.repeat(12), legacy: true });
  });

  it('are compared with crypto.timingSafeEqual', () => {
    const { key, hash } = generateKey();
    vi.mocked(timingSafeEqual).mockClear();
    expect(keyMatches(key, hash)).toBe(true);
    expect(keyMatches(`${key.slice(0, -1)}${key.endsWith('0') ? '1' : '0'}`, hash)).toBe(false);
    expect(timingSafeEqual).toHaveBeenCalledTimes(2);
    // A corrupt stored hash never matches and never throws.
    expect(keyMatches(key, 'abcd')).toBe(false);
  });
});

describe('roles', () => {
  it('are ordered: each may do what the ones before it may', () => {
    expect(allows('admin', 'analyst')).toBe(true);
    expect(allows('analyst', 'viewer')).toBe(true);
    expect(allows('viewer', 'analyst')).toBe(false);
    expect(allows('analyst', 'admin')).toBe(false);
  });
});

describe('KeyAuthenticator', () => {
  function storeWith(keys: StoredKey[]) {
    const find = vi.fn(async (id: string) => keys.find((k) => k.id === id));
    const ids = vi.fn(async () => keys.map((k) => k.id));
    return { find, ids, keys };
  }
  const stored = (role: StoredKey['role'] = 'viewer', revoked = false) => {
    const { id, key, hash } = generateKey();
    return { key, record: { id, name: 'test', role, created_at: '2024-01-01T00:00:00.000Z', revoked, hash } };
  };

  it('accepts a stored key and answers its owner, never the hash', async () => {
    const a = stored('analyst');
    const auth = new KeyAuthenticator(storeWith([a.record]));
    expect(await auth.verify(a.key)).toEqual({ id: a.record.id, name: 'test', role: 'analyst' });
  });

  it('refuses unknown, revoked, malformed and wrong-secret keys', async () => {
    const a = stored();
    const r = stored('admin', true);
    const auth = new KeyAuthenticator(storeWith([a.record, r.record]));
    expect(await auth.verify(generateKey().key)).toBeUndefined();
    expect(await auth.verify(r.key)).toBeUndefined();
    expect(await auth.verify('not a key')).toBeUndefined();
    expect(await auth.verify(`rift_${a.record.id}_${'0'.repeat(64)}`)).toBeUndefined();
    expect(await auth.verify(`${a.key.slice(0, 18)}${'0'.repeat(64)}${a.key.slice(82)}`)).toBeUndefined();
  });

  it('asks the store once per key and cache period, unknown keys included', async () => {
    const a = stored();
    const store = storeWith([a.record]);
    const auth = new KeyAuthenticator(store, { ttlMs: 60_000 });
    await Promise.all([auth.verify(a.key), auth.verify(a.key), auth.verify(a.key)]);
    const stranger = generateKey().key;
    await auth.verify(stranger);
    await auth.verify(stranger);
    expect(store.find).toHaveBeenCalledTimes(2);
  });

  it('notices a revocation once the cache period is over', async () => {
    const a = stored();
    const store = storeWith([a.record]);
    const auth = new KeyAuthenticator(store, { ttlMs: 1 });
    expect(await auth.verify(a.key)).toBeDefined();
    a.record.revoked = true;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await auth.verify(a.key)).toBeUndefined();
  });

  it('does not remember a failed lookup, and keeps its memory bounded', async () => {
    const a = stored();
    const store = storeWith([a.record]);
    store.find.mockRejectedValueOnce(new Error('store down'));
    const auth = new KeyAuthenticator(store, { ttlMs: 60_000, maxEntries: 2 });
    await expect(auth.verify(a.key)).rejects.toThrow('store down');
    expect(await auth.verify(a.key)).toBeDefined();
    for (let i = 0; i < 5; i++) await auth.verify(generateKey().key);
    const memory = auth as unknown as { found: Map<string, unknown>; unknown: Map<string, unknown> };
    expect(memory.unknown.size).toBeLessThanOrEqual(2);
    // Unknown ids are remembered apart: five of them did not push out the real key.
    expect(memory.found.has(a.record.id)).toBe(true);
    await auth.verify(a.key);
    expect(store.find).toHaveBeenCalledTimes(7);
  });

  it('looks up a legacy key only when its id is stored, reading the ids once per cache period', async () => {
    const legacyId = 'abcdefabcdef';
    const legacyKey = `rift_${legacyId}_${'1'.repeat(64)}`;
    const record = { id: legacyId, name: 'old', role: 'viewer' as const, created_at: '2024-01-01T00:00:00.000Z', revoked: false, hash: hashKey(legacyKey) };
    const store = storeWith([record]);
    const auth = new KeyAuthenticator(store, { ttlMs: 60_000 });
    expect(await auth.verify(legacyKey)).toEqual({ id: legacyId, name: 'old', role: 'viewer' });
    for (let i = 0; i < 50; i++) expect(await auth.verify(`rift_${i.toString(16).padStart(12, '0')}_${'2'.repeat(64)}`)).toBeUndefined();
    expect(store.ids).toHaveBeenCalledTimes(1);
    expect(store.find).toHaveBeenCalledTimes(1);
  });
});
