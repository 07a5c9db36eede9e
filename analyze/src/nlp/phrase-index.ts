/**
 * Finds multi-word phrases (topic terms, stance cues, profile cues) in tokenized text.
 * Latin phrases are matched on whole tokens through a map keyed by the first token, so a
 * post costs one map lookup per token however many phrases the pack holds. Phrases that
 * contain Chinese/Japanese are matched as substrings of the folded text (no word edges there).
 */
import { Kind, tokenize, type TokenizedText } from './tokenize.ts';
import { toSimplified } from './traditional-chinese.ts';

export interface PhraseHit {
  /** Index of the phrase in the list given to the constructor. */
  id: number;
  /** Token range for Latin phrases; -1 for substring (CJK) hits. */
  start: number;
  end: number;
  /** Character offset in `folded` for substring hits; -1 otherwise. */
  offset: number;
}

interface Entry {
  rest: string[];
  id: number;
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;

export class PhraseIndex {
  private readonly byFirst = new Map<string, Entry[]>();
  /** CJK phrases by their first character, so a post is read once however many phrases there are. */
  private readonly substrings = new Map<number, { text: string; id: number }[]>();
  private substringCount = 0;
  /** The scan that last reported each phrase: a substring phrase is reported once per post. */
  private readonly reportedIn: Int32Array;
  private scans = 0;
  readonly size: number;

  constructor(phrases: readonly string[]) {
    this.size = phrases.length;
    this.reportedIn = new Int32Array(phrases.length);
    phrases.forEach((phrase, id) => {
      const folded = toSimplified(phrase.normalize('NFKC').toLowerCase().trim());
      if (!folded) return;
      if (CJK.test(folded)) {
        const first = folded.charCodeAt(0);
        const list = this.substrings.get(first) ?? [];
        list.push({ text: folded, id });
        this.substrings.set(first, list);
        this.substringCount++;
        return;
      }
      const doc = tokenize(folded);
      const words: string[] = [];
      for (let i = 0; i < doc.length; i++) {
        // Cue lists use plain words; a written "!" or "," is not part of what we match.
        if (doc.kinds[i] !== Kind.Mark && doc.kinds[i] !== Kind.Boundary) words.push(doc.tokens[i]!);
      }
      const first = words[0];
      if (first === undefined) return;
      const list = this.byFirst.get(first) ?? [];
      list.push({ rest: words.slice(1), id });
      // Longest phrase first, so "national security threat" wins over "national security".
      list.sort((a, b) => b.rest.length - a.rest.length);
      this.byFirst.set(first, list);
    });
  }

  /**
   * Calls `onHit` for each match, longest first at each position; matched tokens are not
   * reused by a shorter phrase starting inside them. Hashtags also match as bare words and
   * as their split words (#SaveTikTok matches "save tiktok").
   */
  scan(doc: TokenizedText, onHit: (hit: PhraseHit) => void): void {
    const n = doc.length;
    const tokens = doc.tokens;
    let i = 0;
    while (i < n) {
      const token = tokens[i]!;
      let end = this.matchAt(doc, i, token, onHit);
      if (end < 0 && doc.kinds[i] === Kind.Hashtag) {
        end = this.matchAt(doc, i, token.slice(1), onHit);
        const split = doc.hashtagWords[i];
        if (end < 0 && split) end = this.matchWords(split, i, onHit);
      }
      i = end > i ? end : i + 1;
    }
    if (this.substringCount && (doc.han > 0 || doc.kana > 0)) {
      const folded = doc.folded;
      const scan = ++this.scans;
      for (let at = 0; at < folded.length; at++) {
        const candidates = this.substrings.get(folded.charCodeAt(at));
        if (!candidates) continue;
        for (const { text, id } of candidates) {
          if (this.reportedIn[id] === scan || !folded.startsWith(text, at)) continue;
          this.reportedIn[id] = scan;
          onHit({ id, start: -1, end: -1, offset: at });
        }
      }
    }
  }

  private matchAt(doc: TokenizedText, i: number, first: string, onHit: (hit: PhraseHit) => void): number {
    const entries = this.byFirst.get(first);
    if (!entries) return -1;
    for (const entry of entries) {
      const rest = entry.rest;
      if (i + 1 + rest.length > doc.length) continue;
      let ok = true;
      for (let k = 0; k < rest.length; k++) {
        if (doc.tokens[i + 1 + k] !== rest[k]) {
          ok = false;
          break;
        }
      }
      if (ok) {
        onHit({ id: entry.id, start: i, end: i + 1 + rest.length, offset: -1 });
        return i + 1 + rest.length;
      }
    }
    return -1;
  }

  /** Matches phrases inside one hashtag's split words; reports them at the hashtag's position. */
  private matchWords(split: string, at: number, onHit: (hit: PhraseHit) => void): number {
    const words = split.split(' ');
    let found = false;
    for (let w = 0; w < words.length; w++) {
      const entries = this.byFirst.get(words[w]!);
      if (!entries) continue;
      for (const entry of entries) {
        const rest = entry.rest;
        if (rest.every((r, k) => words[w + 1 + k] === r)) {
          onHit({ id: entry.id, start: at, end: at + 1, offset: -1 });
          found = true;
          w += rest.length;
          break;
        }
      }
    }
    return found ? at + 1 : -1;
  }
}
