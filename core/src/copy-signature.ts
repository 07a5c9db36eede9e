import { createHash } from 'node:crypto';

/**
 * What makes two posts copies of one text: a reposted tweet, copypasta, the same press release in
 * ten feeds, each perhaps with a few words changed. Texts are compared as sets of word 3-shingles
 * (three consecutive words; a Chinese or Japanese character counts as a word) after normalising
 * what copies change without changing the text: case, Unicode forms, links (shorteners differ per
 * copy) and a leading "RT @handle:".
 *
 * Near-identity is the Jaccard similarity J of the two shingle sets, estimated by MinHash
 * (Broder 1997): SIGNATURE_LENGTH hash functions, each keeping the smallest hash of the text's
 * shingles; two texts agree on one of them with probability J. The signature is cut into BANDS
 * bands of ROWS values (locality-sensitive hashing): two texts are candidates when one whole band
 * agrees, which happens with probability 1 - (1 - J^ROWS)^BANDS: 0.97 at J = 0.8 (a few words
 * changed in a press release), 0.17 at J = 0.5, under 0.01 at J = 0.3 and about 0 for texts that
 * merely share a hashtag or a phrase. Texts shorter than MIN_TOKENS words are never copies: many
 * people write "Ban it now" on their own.
 */

export const BANDS = 12;
export const ROWS = 6;
export const SIGNATURE_LENGTH = BANDS * ROWS;
export const SHINGLE_WORDS = 3;
export const MIN_TOKENS = 8;
export const BAND_KEY_CHARS = 12;

/** The description exports and the API give of copy clusters, next to the numbers. */
export const COPY_DEFINITION =
  `copies=once counts each copy cluster once, by its first post in the slice (earliest created_at, then source and id). ` +
  `A copy cluster is the posts whose normalised text (lower case, NFKC, links and a leading "RT @handle:" removed) is the same or nearly the same: ` +
  `word ${SHINGLE_WORDS}-shingles compared by MinHash (${SIGNATURE_LENGTH} hashes) with ${BANDS} LSH bands of ${ROWS}, ` +
  `so two texts join with probability 1 - (1 - J^${ROWS})^${BANDS} for Jaccard similarity J (0.97 at J = 0.8, 0.17 at J = 0.5). ` +
  `A post gets the cluster of the first post seen with a matching band when it is written; texts under ${MIN_TOKENS} words are their own cluster. copies=all counts every post.`;

export interface CopySignature {
  /** 16 hex characters identifying the normalised text: equal for exact copies. */
  textHash: string;
  /** One key per LSH band (BAND_KEY_CHARS hex characters, in band order): equal bands make two texts candidates. */
  bandKeys: string[];
}

const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{M}\p{N}_#@])+/gu;
const RETWEET_PREFIX = /^(?:\s*rt\s+@[\p{L}\p{N}_.-]+:?)+/u;
const LINK = /\b(?:https?:\/\/|www\.)\S+/gu;

/** The words of a text as copies share them. */
export function copyTokens(text: string): string[] {
  const plain = text.normalize('NFKC').toLowerCase().replace(RETWEET_PREFIX, ' ').replace(LINK, ' ');
  return plain.match(TOKEN) ?? [];
}

/** The MinHash signature of a text, or null for a text too short to be a copy of anything. */
export function copySignature(text: string): CopySignature | null {
  const tokens = copyTokens(text);
  if (tokens.length < MIN_TOKENS) return null;
  const words = tokens.map(fnv1a);
  const mins = new Uint32Array(SIGNATURE_LENGTH).fill(0xffffffff);
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    // A shingle's hash from its words' hashes, each word weighted by its place ("a b c" is not "c b a").
    const shingle = fmix32(Math.imul(words[i]!, 0x9e3779b1) ^ Math.imul(words[i + 1]!, 0x85ebca77) ^ words[i + 2]!);
    for (let h = 0; h < SIGNATURE_LENGTH; h++) {
      // One cheap permutation per hash function (xor, odd multiplier, xorshift): fmix32 of the shingle already mixed its bits.
      let value = Math.imul(shingle ^ SEEDS[h]!, MULTIPLIERS[h]!);
      value = (value ^ (value >>> 16)) >>> 0;
      if (value < mins[h]!) mins[h] = value;
    }
  }
  const bandKeys: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let hi = 0x9e3779b9 ^ b;
    let lo = 0x85ebca6b ^ b;
    for (let r = 0; r < ROWS; r++) {
      const value = mins[b * ROWS + r]!;
      hi = fmix32(hi ^ value);
      lo = fmix32(Math.imul(lo, 31) ^ value);
    }
    bandKeys.push(hex(hi, 8) + hex(lo, 4));
  }
  return { textHash: hashTokens(tokens), bandKeys };
}

function hex(value: number, digits: number): string {
  return (value >>> 0).toString(16).padStart(8, '0').slice(0, digits);
}

/** FNV-1a over UTF-16 units. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** MurmurHash3's finaliser: a bijection of 32-bit values that mixes every input bit into every output bit. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fixed seeds, one per hash function: signatures must stay comparable across processes and releases. */
const SEEDS = Uint32Array.from({ length: SIGNATURE_LENGTH }, (_, i) => fmix32(0x5bd1e995 + Math.imul(i + 1, 0x27d4eb2f)));
const MULTIPLIERS = Uint32Array.from({ length: SIGNATURE_LENGTH }, (_, i) => fmix32(0x165667b1 + Math.imul(i + 1, 0xd3a2646c)) | 1);

/** The textHash of copySignature alone (what posts_v1.copy_hash stores), or '' for a text too short to be a copy. */
export function copyTextHash(text: string): string {
  const tokens = copyTokens(text);
  return tokens.length < MIN_TOKENS ? '' : hashTokens(tokens);
}

function hashTokens(tokens: readonly string[]): string {
  return createHash('sha1').update(tokens.join(' ')).digest('hex').slice(0, 16);
}
