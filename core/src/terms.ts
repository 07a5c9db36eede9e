/**
 * Finding topic-pack terms in text: case- and width-folded, whole words for Latin terms,
 * plain substrings for CJK terms (Chinese has no spaces to mark word edges).
 */

/** NFKC folds full-width letters and digits (ｔｉｋｔｏｋ) to ASCII; lower-casing folds case. */
export function foldText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/u;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class TermMatcher {
  private readonly pattern: RegExp | null;

  constructor(terms: readonly string[]) {
    const folded = [...new Set(terms.map(foldText))].sort((a, b) => b.length - a.length);
    const alternatives = folded.map((term) =>
      CJK.test(term) ? escapeRegExp(term) : `(?<![\\p{L}\\p{N}_#@])${escapeRegExp(term)}(?![\\p{L}\\p{N}_])`,
    );
    this.pattern = alternatives.length ? new RegExp(alternatives.join('|'), 'gu') : null;
  }

  /** The distinct terms found, in folded form, in order of first appearance. */
  find(text: string, alreadyFolded = false): string[] {
    if (!this.pattern) return [];
    const haystack = alreadyFolded ? text : foldText(text);
    const found = new Set<string>();
    for (const match of haystack.matchAll(this.pattern)) found.add(match[0]);
    return [...found];
  }
}
