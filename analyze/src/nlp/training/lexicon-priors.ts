/**
 * Lexicon knowledge as starting weights. A lexicon word's feature row starts at its polarity
 * (scaled) instead of zero; training then moves it only as far as the data asks. The shipped
 * artefact holds learned weights, never the word lists themselves.
 */
import { readFileSync } from 'node:fs';
import { cjkGramFeature, CJK_MAX_GRAM, wordFeature } from '../features.ts';

function readTsv(file: string): [string, number][] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const out: [string, number][] = [];
  for (const line of lines.slice(1)) {
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    const value = Number(line.slice(tab + 1));
    if (Number.isFinite(value)) out.push([line.slice(0, tab).normalize('NFKC').toLowerCase(), value]);
  }
  return out;
}

/**
 * English prior over [negative, neutral, positive] from VADER valences (-4..4). A negated
 * word gets a weaker, reversed polarity; any sentiment word argues a little against neutral.
 */
export function vaderPrior(file: string, hashBits: number, strength: number): Float32Array {
  const prior = new Float32Array((1 << hashBits) * 3);
  const mask = (1 << hashBits) - 1;
  const add = (id: number, v: number): void => {
    prior[id * 3]! += -v;
    prior[id * 3 + 1]! += -0.5 * Math.abs(v);
    prior[id * 3 + 2]! += v;
  };
  for (const [word, valence] of readTsv(file)) {
    const v = (strength * valence) / 4;
    add(wordFeature(word, false, mask), v);
    add(wordFeature(word, true, mask), -0.5 * v);
  }
  return prior;
}

/** Chinese prior over [negative, neutral, positive] from NTUSD (+1/-1), on the word's character n-gram. */
export function ntusdPrior(file: string, hashBits: number, strength: number): Float32Array {
  const prior = new Float32Array((1 << hashBits) * 3);
  const mask = (1 << hashBits) - 1;
  for (const [word, polarity] of readTsv(file)) {
    if (word.length < 1 || word.length > CJK_MAX_GRAM || !/^[\u3400-\u9fff]+$/.test(word)) continue;
    const id = cjkGramFeature(word, mask);
    prior[id * 3]! += -strength * polarity;
    prior[id * 3 + 2]! += strength * polarity;
  }
  return prior;
}
