// One seeded generator (mulberry32) for everything that must replay the same draws from the same
// seed: the demo corpus, training shuffles, bootstrap intervals, the soak's fault schedule.

/** Uniform numbers in [0, 1), the same stream for the same 32-bit seed. Small and fast, not cryptographic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The same generator seeded by a 32-bit FNV-1a hash of a text: a fixed stream per text. */
export function seededRandomFromText(text: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return seededRandom(h);
}
