import type { Redis } from './redis.ts';
import { BAND_KEY_CHARS, BANDS, copySignature } from './copy-signature.ts';

/**
 * Gives each post the id of its copy cluster at write time: the cluster of the first post seen
 * with a matching LSH band (copy-signature.ts), or the post's own id ("source:id") when none
 * matches. The band index lives in Redis, one hash per band and generation (field: the band
 * key, value: the cluster). One Lua script per chunk of posts reads every band of the chunk with
 * one HMGET per hash, decides in post order and writes the new fields with one HSET per hash, so
 * it is atomic (two workers writing copies of one text at once still agree on one cluster),
 * copies within one batch join each other, and Redis does a few dozen commands per chunk rather
 * than dozens per post.
 *
 * Retrying is harmless: after a post's first write each of its bands names a cluster, and the
 * first of them is the one the script chose. Stored posts keep their cluster on a rewrite anyway
 * (posts.ts).
 *
 * Copies are looked for among posts written in the current and the previous generation
 * (GENERATION_DAYS each, so 7 to 14 days back); a cluster stays findable while copies keep
 * arriving, since each copy writes its bands into the current generation. Memory: about 1 KB per
 * post written in those two generations.
 */

export const GENERATION_DAYS = 7;
const GENERATION_MS = GENERATION_DAYS * 86_400_000;
/** Posts per script run: Lua's unpack takes at most a few thousand values, and each run blocks Redis while it lasts. */
const CHUNK = 2000;

/**
 * KEYS: the BANDS hashes of the current generation, then the BANDS of the previous one.
 * ARGV: [ttl seconds, BANDS, BAND_KEY_CHARS], then per post its own id and its band keys joined
 * (one argument instead of BANDS: far fewer arguments to send and parse).
 */
const ASSIGN = `local ttl = tonumber(ARGV[1])
local bands = tonumber(ARGV[2])
local width = tonumber(ARGV[3])
local posts = (#ARGV - 3) / 2
local field = function(p, b) return string.sub(ARGV[3 + 2 * p], (b - 1) * width + 1, b * width) end
local current, previous, claimed, writes = {}, {}, {}, {}
for b = 1, bands do
  local fields = {}
  for p = 1, posts do fields[p] = field(p, b) end
  current[b] = redis.call('HMGET', KEYS[b], unpack(fields))
  previous[b] = redis.call('HMGET', KEYS[bands + b], unpack(fields))
  claimed[b] = {}
  writes[b] = {}
end
local out = {}
for p = 1, posts do
  local found = false
  for b = 1, bands do
    found = current[b][p] or claimed[b][field(p, b)]
    if found then break end
  end
  if not found then
    for b = 1, bands do
      found = previous[b][p]
      if found then break end
    end
  end
  local cluster = found or ARGV[2 + 2 * p]
  for b = 1, bands do
    local f = field(p, b)
    if not current[b][p] and not claimed[b][f] then
      claimed[b][f] = cluster
      table.insert(writes[b], f)
      table.insert(writes[b], cluster)
    end
  end
  out[p] = cluster
end
for b = 1, bands do
  if #writes[b] > 0 then
    redis.call('HSET', KEYS[b], unpack(writes[b]))
    redis.call('EXPIRE', KEYS[b], ttl)
  end
end
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
    const keys = [...this.bandHashes(generation), ...this.bandHashes(generation - 1)];
    for (let start = 0; start < signed.length; start += CHUNK) {
      const chunk = signed.slice(start, start + CHUNK);
      const args = [ttl, String(BANDS), String(BAND_KEY_CHARS), ...chunk.flatMap((post) => [post.own, post.bandKeys.join('')])];
      const found = (await this.redis.eval(ASSIGN, keys.length, ...keys, ...args)) as string[];
      chunk.forEach((post, j) => (clusters[post.i] = found[j]!));
    }
    return clusters;
  }

  private bandHashes(generation: number): string[] {
    return Array.from({ length: BANDS }, (_, band) => `${this.prefix}:copies:${generation}:${band}`);
  }
}
