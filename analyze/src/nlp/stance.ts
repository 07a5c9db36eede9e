/**
 * Stance on the ban: the topic pack's weighted cues, plus three framings that need no fixed
 * phrase (judgement words around "ban"/"law", China named with a danger word, tone toward
 * the government or RedNote). A cue under negation ("not a security threat", "不支持禁令")
 * counts, weakened, for the other side. Evidence weighs fully only when the post is about
 * the ban at all (worry about China alone is neutral, as the brief defines it), and less in
 * reported speech.
 */
import type { StanceLabel, TopicPack } from '@rift/core';
import { PhraseIndex, type PhraseHit } from './phrase-index.ts';
import { CHINA_THREAT_WEIGHT, hasChinaThreat, TONE_WEIGHT, toneAgainstBan } from './stance-framing.ts';
import { judgeMeasure } from './stance-judgement.ts';
import { Kind, type TokenizedText } from './tokenize.ts';

export interface StanceResult {
  label: StanceLabel;
  confidence: number;
}

/** How far back a negator reaches, in tokens; a boundary (. , ;) ends it sooner. */
const NEGATION_WINDOW = 4;
/** A negated cue argues for the other side, but less clearly than a plain one. */
const NEGATED_FACTOR = 0.7;
/** Without a mention of TikTok, the ban or the apps, cues count this much. */
const OFF_TOPIC_FACTOR = 0.7;
/** Evidence (summed cue weight) needed before a post is given a side. */
const MIN_EVIDENCE = 0.8;
/** Reported speech ("officials said", "据报道") describes a side rather than taking it. */
const REPORTED_FACTOR = 0.6;
const REPORTING = ['said', 'says', 'cited', 'citing', 'according to', 'argued', 'argues', 'claimed', 'claims', 'reportedly', 'reports', '表示', '称', '据报道', '为由', '报道'];

/** Words that put a post on the subject even when the pack's relevance terms are absent. */
const ANCHORS = ['ban', 'banned', 'banning', 'bans', 'the law', 'the act', 'that app', 'the app', 'this app', 'divest', 'divestiture', 'sell-off', 'forced sale', '禁令', '禁止', '封禁'];

export class StanceScorer {
  private readonly cues: PhraseIndex;
  private readonly weights: Float64Array;
  /** +1 for oppose_ban cues, -1 for support_ban cues. */
  private readonly sides: Int8Array;
  private readonly relevance: PhraseIndex;
  private readonly reporting = new PhraseIndex(REPORTING);
  private readonly negators: Set<string>;
  private readonly cjkNegators: string[];
  private support = 0;
  private oppose = 0;
  private doc: TokenizedText | null = null;
  private readonly onCue = (hit: PhraseHit): void => this.addCue(hit);

  constructor(pack: TopicPack) {
    const oppose = pack.stance_cues.oppose_ban;
    const support = pack.stance_cues.support_ban;
    const all = [...oppose, ...support];
    this.cues = new PhraseIndex(all.map((c) => c.term));
    this.weights = Float64Array.from(all.map((c) => c.weight));
    this.sides = Int8Array.from(all.map((_, i) => (i < oppose.length ? 1 : -1)));
    this.relevance = new PhraseIndex([...pack.relevance_terms, ...ANCHORS]);
    const negators = pack.stance_cues.negators.map((w) => w.normalize('NFKC').toLowerCase());
    this.negators = new Set(negators.map((w) => w.replace(/’/g, "'")));
    this.cjkNegators = negators.filter((w) => /[\u3400-\u9fff]/.test(w));
  }

  /** `sentiment` is the post's sentiment score in [-1, 1], used for tone toward targets. */
  score(doc: TokenizedText, sentiment = 0): StanceResult {
    this.support = 0;
    this.oppose = 0;
    this.doc = doc;
    this.cues.scan(doc, this.onCue);
    this.doc = null;
    const judgement = judgeMeasure(doc);
    if (judgement > 0) this.oppose += judgement;
    else this.support -= judgement;
    if (hasChinaThreat(doc)) this.support += CHINA_THREAT_WEIGHT;
    this.oppose += TONE_WEIGHT * toneAgainstBan(doc, sentiment);
    let total = this.support + this.oppose;
    if (total === 0) return { label: 'neutral', confidence: 0.6 };
    let onTopic = false;
    this.relevance.scan(doc, () => {
      onTopic = true;
    });
    let reported = false;
    this.reporting.scan(doc, () => {
      reported = true;
    });
    const factor = (onTopic ? 1 : OFF_TOPIC_FACTOR) * (reported ? REPORTED_FACTOR : 1);
    const support = this.support * factor;
    const oppose = this.oppose * factor;
    total = support + oppose;
    const margin = Math.abs(oppose - support);
    if (margin < MIN_EVIDENCE) {
      // Weak or balanced evidence: neutral, more sure the less there is to go on.
      return { label: 'neutral', confidence: round(0.55 + 0.3 * (1 - Math.min(1, total / (2 * MIN_EVIDENCE)))) };
    }
    const confidence = round(Math.min(0.97, 0.5 + 0.45 * (1 - Math.exp(-margin / 2.5)) * (margin / total)));
    return { label: oppose > support ? 'oppose_ban' : 'support_ban', confidence };
  }

  private addCue(hit: PhraseHit): void {
    let weight = this.weights[hit.id]!;
    let side = this.sides[hit.id]!;
    if (this.isNegated(hit)) {
      side = -side as 1 | -1;
      weight *= NEGATED_FACTOR;
    }
    if (side > 0) this.oppose += weight;
    else this.support += weight;
  }

  private isNegated(hit: PhraseHit): boolean {
    const doc = this.doc!;
    if (hit.start < 0) {
      // Substring hit in Chinese: look at the few characters before it.
      const before = doc.folded.slice(Math.max(0, hit.offset - 3), hit.offset);
      return this.cjkNegators.some((n) => before.includes(n));
    }
    for (let k = hit.start - 1; k >= 0 && k >= hit.start - NEGATION_WINDOW; k--) {
      const kind = doc.kinds[k];
      if (kind === Kind.Boundary || kind === Kind.Mark) return false;
      if (this.negators.has(doc.tokens[k]!)) return true;
    }
    return false;
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
