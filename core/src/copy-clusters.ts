import type { Redis } from './redis.ts';
import { BANDS, copySignature } from './copy-signature.ts';

/**
 * Gives each post the id of its copy cluster at write time: the cluster of the first post seen
 * with a matching LSH band (copy-signature.ts), or the post's own id ("source:id") when none
 * matches. The band index lives in Redis, in hashes of `BUCKETS` per generation, so it stays in
 * Redis's compact encoding; one Lua script per chunk of posts looks up and claims the bands
 * atomically, so two workers writing copies of the same text at once still agree on one cluster,
 * and copies within one batch join each other.
 *
 * Retrying is harmless: after a post's first write each of its bands names a cluster, the first
 * of which the script finds again. Stored posts keep their cluster on a rewrite anyway (posts.ts).
 *
 * Copies are looked for among posts written in the current and the previous generation
 * (GENERATION_DAYS each, so 7 to 14 days back); a cluster stays findable while copies keep
 * arriving, since each copy writes its bands into the current generation. Memory: about 1 KB per
 * post written in those two generations.
 */

export const GENERATION_DAYS = 7;
const GENERATION_MS = GENERATION_DAYS * 86_400_000;
const BUCKETS = 1 << 16;
/** Posts per script run: each blocks Redis for its duration, so keep each short. */
const CHUNK = 500;

/**
 * KEYS: per post, BANDS buckets of the current generation, then BANDS of the previous one.
 * ARGV: [ttl seconds, BANDS], then per post its own id and its BANDS band keys.
 */
const ASSIGN = `local ttl = tonumber(ARGV[1])
local bands = tonumber(ARGV[2])
local posts = (#ARGV - 2) / (bands + 1)
local out = {}
local touched = {}
for p = 0, posts - 1 do
  local a = 3 + p * (bands + 1)
  local k = p * bands * 2
  local found = false
  for b = 1, 2 * bands do
    local band = (b - 1) % bands + 1
    found = redis.call('HGET', KEYS[k + b], ARGV[a + band])
    if found then break end
  end
  local cluster = found or ARGV[a]
  for b = 1, bands do
    if redis.call('HSETNX', KEYS[k + b], ARGV[a + b], cluster) == 1 then touched[KEYS[k + b]] = true end
  end
  out[p + 1] = cluster
end
for key in pairs(touched) do redis.call('EXPIRE', key, ttl) end
return out`;

export interface CopyCandidate {
  source: string;
  id: string;
  text: string;
}

/** A post's own cluster id: what it is when it copies nothing. */
export function ownCluster(post: { source: string; id: string }): string {
  return `${post.source}:${post.id}`;
}

export class CopyClusters {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  /** The cluster id of each post, in order. */
  async assign(posts: readonly CopyCandidate[], now = Date.now()): Promise<string[]> {
    const clusters = posts.map(ownCluster);
    const signed = posts.flatMap((post, i) => {
      const signature = copySignature(post.text);
      return signature ? [{ i, own: clusters[i]!, bandKeys: signature.bandKeys }] : [];
    });
    const generation = Math.floor(now / GENERATION_MS);
    const ttl = String(Math.ceil((2 * GENERATION_MS) / 1000));
    for (let start = 0; start < signed.length; start += CHUNK) {
      const chunk = signed.slice(start, start + CHUNK);
      const keys = chunk.flatMap((post) => [...this.buckets(post.bandKeys, generation), ...this.buckets(post.bandKeys, generation - 1)]);
      const args = [ttl, String(BANDS), ...chunk.flatMap((post) => [post.own, ...post.bandKeys])];
      const found = (await this.redis.eval(ASSIGN, keys.length, ...keys, ...args)) as string[];
      chunk.forEach((post, j) => (clusters[post.i] = found[j]!));
    }
    return clusters;
  }

  private buckets(bandKeys: readonly string[], generation: number): string[] {
    // The band key's hex digits are already uniform: its last four pick the bucket.
    return bandKeys.map((key) => `${this.prefix}:copies:${generation}:${parseInt(key.slice(-4), 16) % BUCKETS}`);
  }
}
