/**
 * What the stance model reads from a post: its words and nothing about who wrote it. The
 * input is the tokenized text alone, so no author field, actor class or source can reach the
 * model (the divide compares stance across actors; a model that saw the speaker would make it
 * circular).
 *
 * Features, all binary:
 * - `f:FRAME` / `fn:FRAME`: a phrase of one of the pack's argument frames, plain or negated
 *   ("no evidence of a security threat" fires `fn:security_threat` and `f:denial`);
 * - `x:A+B`: two frames in the same post (denial with security, a forced sale with the ban word);
 * - `cue:oppose` / `cue:support` (and negated `cuen:`): the pack's stance cues;
 * - `j:`: an evaluative word right around "ban", "law" or "ruling" ("this ban is stupid");
 * - `w:` words (light stemming; `n:` under negation), `b:` word bigrams, `h:` hashtags,
 *   `c:` Chinese character bigrams (Traditional already folded to Simplified by the tokenizer);
 * - `q:?` / `q:!` marks.
 * Length is deliberately not a feature: quoted statements run longer than posts, so what length
 * says in the training pages would not carry to social media.
 */
import type { TopicPack } from '@rift/core';
import { PhraseIndex, type PhraseHit } from './phrase-index.ts';
import { judgeMeasure } from './stance-judgement.ts';
import type { FeatureSink } from './feature-sink.ts';
import { emitTargetTone } from './stance-targets.ts';
import { Kind, type TokenizedText } from './tokenize.ts';

/**
 * How far back a negator reaches, in tokens: to the start of the clause (a boundary such as
 * . , ; or ! ?), at most this far ("no evidence that TikTok shares data" negates "shares data").
 */
const NEGATION_WINDOW = 7;
/** The same in Chinese, in characters back to the clause's punctuation ("并没有威胁美国国家安全"). */
const CJK_NEGATION_CHARS = 10;
const CJK_CLAUSE_END = /[，。！？；：、,.!?;:\n]/;
const CJK_NEGATORS = ['不', '没', '并非', '未', '非', '别', '无', '勿'];
/** Words right after a negator carry the `n:` mark; the scope is kept short so word features stay common. */
const LEXICAL_NEGATION_WINDOW = 4;
/** Frame pairs whose co-occurrence changes what each means. */
const PAIRS: readonly [string, string][] = [
  ['denial', 'security_threat'],
  ['denial', 'data_protection'],
  ['pretext', 'security_threat'],
  ['divest_sale', 'ban_word'],
  ['china_state', 'security_threat'],
  ['migration', 'welcome'],
  ['migration', 'protest_action'],
  ['reporting', 'poll'],
  ['rights', 'ban_word'],
  ['hypocrisy', 'data_protection'],
];
const PAIR_NAMES = PAIRS.map(([a, b]) => `x:${a}+${b}`);

/** The names of one post's features, for training and for reading. */
export class FeatureNames extends Set<string> implements FeatureSink {
  addJoined(prefix: string, a: string, b?: string): void {
    this.add(b === undefined ? prefix + a : `${prefix}${a} ${b}`);
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

/** 32-bit FNV-1a of a feature name; `hashJoined` gives the same value from its parts. */
export function hashName(name: string): number {
  return fnv(FNV_OFFSET, name) >>> 0;
}

export function hashJoined(prefix: string, a: string, b?: string): number {
  let h = fnv(fnv(FNV_OFFSET, prefix), a);
  if (b !== undefined) h = fnv(Math.imul(h ^ 32, FNV_PRIME), b);
  return h >>> 0;
}

export class StanceFeatures {
  private readonly frames: PhraseIndex;
  private readonly frameNames: string[];
  private readonly cues: PhraseIndex;
  private readonly cueSides: ('oppose' | 'support')[];
  private readonly negators: Set<string>;
  private doc: TokenizedText | null = null;
  private sink: FeatureSink | null = null;
  private readonly firedFrames = new Set<string>();
  private readonly cueNames = new Set<string>();

  /**
   * `bigramFirsts`, when given, limits bigrams to those starting with one of these words: the
   * scorer passes the first words of the bigrams it has weights for, so no string is built for
   * a bigram it would not find.
   */
  constructor(
    pack: TopicPack,
    private readonly bigramFirsts?: ReadonlySet<string>,
  ) {
    const phrases: string[] = [];
    this.frameNames = [];
    for (const [name, frame] of Object.entries(pack.stance_frames)) {
      for (const phrase of frame.phrases) {
        phrases.push(phrase);
        this.frameNames.push(name);
      }
    }
    this.frames = new PhraseIndex(phrases);
    const { oppose_ban: oppose, support_ban: support } = pack.stance_cues;
    this.cues = new PhraseIndex([...oppose, ...support].map((c) => c.term));
    this.cueSides = [...oppose.map(() => 'oppose' as const), ...support.map(() => 'support' as const)];
    this.negators = new Set(pack.stance_cues.negators.map((w) => w.normalize('NFKC').toLowerCase().replace(/’/g, "'")));
  }

  /** The feature names of one post, deduplicated. */
  extract(doc: TokenizedText): Set<string> {
    const out = new FeatureNames();
    this.emit(doc, out);
    return out;
  }

  /** Sends the post's feature names to `out`, possibly with repeats (the sink dedupes). */
  emit(doc: TokenizedText, out: FeatureSink): void {
    this.doc = doc;
    this.sink = out;
    this.firedFrames.clear();
    this.cueNames.clear();
    this.frames.scan(doc, this.onFrame);
    this.cues.scan(doc, this.onCue);
    for (const name of this.cueNames) out.add(name);
    if (this.firedFrames.size > 1) {
      for (let i = 0; i < PAIRS.length; i++) {
        const [a, b] = PAIRS[i]!;
        if (this.firedFrames.has(a) && this.firedFrames.has(b)) out.add(PAIR_NAMES[i]!);
      }
    }
    const judgement = judgeMeasure(doc);
    if (judgement !== 0) out.add(judgement > 0 ? 'j:condemns_measure' : 'j:endorses_measure');
    emitTargetTone(doc, out);
    this.doc = null;
    this.sink = null;
    addLexical(doc, this.negators, out, this.bigramFirsts);
  }

  private readonly onFrame = (hit: PhraseHit): void => {
    const name = this.frameNames[hit.id]!;
    this.firedFrames.add(name);
    this.sink!.addJoined(this.negated(hit) ? 'fn:' : 'f:', name);
  };

  private readonly onCue = (hit: PhraseHit): void => {
    const side = this.cueSides[hit.id]!;
    this.cueNames.add(this.negated(hit) ? `cuen:${side}` : `cue:${side}`);
  };

  private negated(hit: PhraseHit): boolean {
    const doc = this.doc!;
    if (hit.start < 0) {
      let before = doc.folded.slice(Math.max(0, hit.offset - CJK_NEGATION_CHARS), hit.offset);
      for (let k = before.length - 1; k >= 0; k--) {
        if (CJK_CLAUSE_END.test(before[k]!)) {
          before = before.slice(k + 1);
          break;
        }
      }
      return CJK_NEGATORS.some((n) => before.includes(n));
    }
    for (let k = hit.start - 1; k >= 0 && k >= hit.start - NEGATION_WINDOW; k--) {
      const kind = doc.kinds[k];
      if (kind === Kind.Boundary || kind === Kind.Mark) return false;
      if (this.negators.has(doc.tokens[k]!)) return true;
    }
    return false;
  }
}

function addLexical(doc: TokenizedText, negators: Set<string>, out: FeatureSink, bigramFirsts?: ReadonlySet<string>): void {
  let previous = '';
  let negatedFor = 0;
  for (let i = 0; i < doc.length; i++) {
    const kind = doc.kinds[i];
    const token = doc.tokens[i]!;
    if (kind === Kind.Word) {
      if (negators.has(token)) {
        negatedFor = LEXICAL_NEGATION_WINDOW;
        out.addJoined('w:', token);
        previous = token;
        continue;
      }
      const stem = lightStem(token);
      out.addJoined(negatedFor > 0 ? 'n:' : 'w:', stem);
      if (previous && (!bigramFirsts || bigramFirsts.has(previous))) out.addJoined('b:', previous, stem);
      previous = stem;
      if (negatedFor > 0) negatedFor--;
    } else if (kind === Kind.Hashtag) {
      out.addJoined('h:', token);
      previous = '';
    } else if (kind === Kind.Cjk) {
      for (let j = 0; j + 1 < token.length; j++) out.addJoined('c:', token.slice(j, j + 2));
      previous = '';
      negatedFor = 0;
    } else if (kind === Kind.Mark) {
      out.add(token.includes('?') ? 'q:?' : 'q:!');
      previous = '';
      negatedFor = 0;
    } else if (kind === Kind.Boundary) {
      previous = '';
      negatedFor = 0;
    }
  }
}

/** Folds the commonest English inflections (bans/banned/banning -> ban) without a dictionary. */
export function lightStem(word: string): string {
  if (word.length <= 4) return word;
  if (word.endsWith("'s")) return word.slice(0, -2);
  if (word.endsWith('ies') && word.length > 5) return word.slice(0, -3) + 'y';
  if (word.endsWith('ing') && word.length > 6) return undouble(word.slice(0, -3));
  if (word.endsWith('ed') && word.length > 5) return undouble(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

function undouble(stem: string): string {
  const n = stem.length;
  return n > 2 && stem[n - 1] === stem[n - 2] && !'lsz'.includes(stem[n - 1]!) ? stem.slice(0, -1) : stem;
}
