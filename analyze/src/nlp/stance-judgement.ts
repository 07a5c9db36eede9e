/**
 * How a post judges the ban itself: an evaluative word right around "ban", "law" or "ruling"
 * ("this ban is stupid", "a necessary law", "the ruling is a disgrace"). This generalises
 * beyond the pack's fixed phrases to the many ways people praise or condemn the measure.
 * English only; the pack's cues carry the Chinese.
 */
import { Kind, type TokenizedText } from './tokenize.ts';

const TARGETS = new Set(['ban', 'banning', 'law', 'act', 'ruling', 'decision', 'divestiture', 'bill', 'legislation']);

/** Words that condemn the measure: they argue against the ban. */
const CONDEMN = new Set([
  'stupid', 'dumb', 'ridiculous', 'absurd', 'insane', 'pointless', 'useless', 'unconstitutional', 'unfair', 'wrong',
  'bullshit', 'bs', 'joke', 'nonsense', 'theater', 'theatre', 'disgrace', 'disgraceful', 'shameful', 'authoritarian',
  'overreach', 'censorship', 'hypocritical', 'destroy', 'destroys', 'hurt', 'hurts', 'harm', 'harms', 'ruin', 'ruins',
  'kill', 'kills', 'sucks', 'terrible', 'awful', 'outrageous', 'dystopian', 'fascist', 'xenophobic', 'racist', 'idiotic',
  'misguided', 'performative', 'cowardly', 'un-american', 'unamerican', 'dumbest', 'stupidest', 'worst', 'nobody',
  'embarrassing', 'pathetic', 'clown', 'clowns', 'laughable', 'corrupt', 'punishes', 'punish', 'punishing', 'terrifying', 'scary',
]);

/** Words that endorse it: they argue for the ban. */
const ENDORSE = new Set([
  'necessary', 'needed', 'overdue', 'justified', 'warranted', 'right', 'correct', 'smart', 'wise', 'good', 'great',
  'important', 'essential', 'common-sense', 'commonsense', 'sensible', 'reasonable', 'bipartisan', 'protects', 'protect',
  'victory', 'win', 'long-overdue', 'best', 'answer', 'solution', 'fix', 'help', 'helps', 'work', 'works',
]);

const NEGATORS = new Set(['not', 'no', "isn't", 'isnt', "wasn't", 'never', "doesn't", "don't", "won't", 'hardly']);
const AHEAD = 5;
const BEHIND = 2;
const WEIGHT = 1.5;

/** Net judgement: positive argues oppose_ban, negative argues support_ban. */
export function judgeMeasure(doc: TokenizedText): number {
  let net = 0;
  for (let i = 0; i < doc.length; i++) {
    if (doc.kinds[i] !== Kind.Word || !TARGETS.has(doc.tokens[i]!)) continue;
    let negated = false;
    for (let k = i + 1; k < doc.length && k <= i + AHEAD; k++) {
      const kind = doc.kinds[k];
      if (kind === Kind.Boundary || kind === Kind.Mark) break;
      const word = doc.tokens[k]!;
      if (NEGATORS.has(word)) negated = !negated;
      else if (CONDEMN.has(word)) {
        net += negated ? -WEIGHT * 0.7 : WEIGHT;
        break;
      } else if (ENDORSE.has(word)) {
        net += negated ? WEIGHT * 0.7 : -WEIGHT;
        break;
      }
    }
    for (let k = i - 1; k >= 0 && k >= i - BEHIND; k--) {
      if (doc.kinds[k] !== Kind.Word) break;
      const word = doc.tokens[k]!;
      if (CONDEMN.has(word)) net += WEIGHT;
      else if (ENDORSE.has(word) && word !== 'protect') net -= WEIGHT;
    }
  }
  return net;
}
