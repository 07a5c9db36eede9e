/** Multi-label topics: every topic whose terms (English or Chinese) appear in the post. */
import type { TopicPack } from '@rift/core';
import { PhraseIndex, type PhraseHit } from './phrase-index.ts';
import type { TokenizedText } from './tokenize.ts';

export class TopicTagger {
  private readonly index: PhraseIndex;
  private readonly topicOfTerm: Uint16Array;
  private readonly names: string[];
  private readonly seen: Uint8Array;
  private readonly onHit = (hit: PhraseHit): void => {
    this.seen[this.topicOfTerm[hit.id]!] = 1;
  };

  constructor(pack: TopicPack) {
    this.names = Object.keys(pack.topics);
    const terms: string[] = [];
    const owners: number[] = [];
    this.names.forEach((name, t) => {
      for (const term of pack.topics[name]!) {
        terms.push(term);
        owners.push(t);
      }
    });
    this.index = new PhraseIndex(terms);
    this.topicOfTerm = Uint16Array.from(owners);
    this.seen = new Uint8Array(this.names.length);
  }

  /** Topic names in the pack's order. */
  tag(doc: TokenizedText): string[] {
    this.seen.fill(0);
    this.index.scan(doc, this.onHit);
    const topics: string[] = [];
    for (let t = 0; t < this.names.length; t++) if (this.seen[t]) topics.push(this.names[t]!);
    return topics;
  }
}
