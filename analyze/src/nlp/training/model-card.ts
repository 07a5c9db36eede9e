/** Writes MODEL_CARD.md from a training report, so the card always states measured numbers. */
import type { Metrics } from '../metrics.ts';
import { DATA_FILES, type TrainReport } from './train-sentiment.ts';

function table(m: Metrics): string {
  const labels = Object.keys(m.confusion);
  const cols = Object.keys(m.confusion[labels[0]!] ?? {});
  const head = `| gold \\ predicted | ${cols.join(' | ')} |\n| --- | ${cols.map(() => '---:').join(' | ')} |`;
  const rows = labels.map((g) => `| ${g} | ${cols.map((p) => m.confusion[g]![p]).join(' | ')} |`);
  return [head, ...rows].join('\n');
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function modelCard(report: TrainReport, version: string, date: string, weightBytes: number, viaEval: { en: Metrics; zh: Metrics }): string {
  const s = report.settings;
  const en = report.en_val;
  const zh = report.zh_val_binary;
  return `# Model card: Rift sentiment (${version})

Trained ${date} by \`rift train\` (deterministic: the same data and code give the same weights and version).
Weights: \`sentiment-weights.bin\` (${(weightBytes / 1e6).toFixed(2)} MB, int16); settings and offsets: \`sentiment.json\`.

## What it is
Two hashed linear (softmax regression) models trained with \`@tensorflow/tfjs\` (cpu backend) and run
at inference by a TypeScript scorer over typed arrays (\`analyze/src/nlp/linear-model.ts\`).

- **English** (negative / neutral / positive): word unigrams (marked when inside a negation scope),
  word bigrams, character 3-5-grams, hashtags (as tags, bare words and split words), emoji and
  emoticons with a hand-set polarity, \`!\`/\`?\`, all-caps and elongation flags; @mentions and URLs
  become placeholders. 2^${s.en.hashBits} hash buckets. Weights start from the VADER lexicon
  (word valence, reversed and halved under negation) and are pulled toward it by L2, so lexicon
  words absent from the tweets keep a sensible polarity. The lexicon itself is not shipped.
- **Chinese** (negative / positive, plus neutral by rule): character 1-4-grams (no segmenter),
  2^${s.zh.hashBits} buckets, weights starting from NTUSD (simplified) word polarity.
  **Neutral for Chinese**: the training data has no neutral class, so a Chinese post is neutral when
  |p(positive) - p(negative)| < ${s.zhNeutralBand} (the model is unsure) or has no features.

## Data and splits
| role | file | rows |
| --- | --- | ---: |
| English train | \`${DATA_FILES.enTrain}\` (SemEval 2013-2016 tweets) | ${report.rows.en_train} |
| English validation | \`${DATA_FILES.enVal}\` (TweetEval validation) | ${report.rows.en_val} |
| Chinese train | \`${DATA_FILES.zhTrain}\` (ChnSentiCorp, waimai-10k, weibo-senti-100k sample) | ${report.rows.zh_train} |
| Chinese validation | \`${DATA_FILES.zhVal}\` | ${report.rows.zh_val} |
| lexicon priors | \`${DATA_FILES.vader}\` (MIT), \`${DATA_FILES.ntusd}\` (MIT) | |

Weights are fitted on the train files only. Validation was used to compare settings and to pick
the English decision offsets (shifts added to the neutral and positive logits, found by a grid
search for macro recall on validation: ${report.offsets_en.join(', ')}). The airline tweets (non-commercial licence) and TweetEval's test
split are not used.

Settings: seed ${s.seed}; English ${s.en.epochs} epochs, batch ${s.en.batchSize}, Adam lr ${s.en.learningRate},
L2 ${s.en.l2}, prior strength ${s.en.priorStrength}, class weights by inverse frequency;
Chinese ${s.zh.epochs} epochs, batch ${s.zh.batchSize}, lr ${s.zh.learningRate}, L2 ${s.zh.l2}, prior strength ${s.zh.priorStrength}.
Training took ${report.seconds} s on 2 shared cores.

## Metrics on validation
**English** (${en.n} tweets): macro-averaged recall **${en.macro_recall}**, accuracy ${en.accuracy},
macro F1 ${en.macro_f1} (before the offsets: macro recall ${report.en_val_before_offsets.macro_recall}).

${table(en)}

**Chinese** (${zh.n} posts and reviews, binary): accuracy **${zh.accuracy}**, macro recall ${zh.macro_recall},
macro F1 ${zh.macro_f1}.

${table(zh)}

With the neutral band, ${pct(report.zh_val_band.neutral_share)} of these polar posts are called neutral;
on the rest, accuracy is ${report.zh_val_band.decided.accuracy}.

Fast scorer vs tfjs on the validation sets: same label on ${pct(report.agreement.en.same_label)} (en)
and ${pct(report.agreement.zh.same_label)} (zh); largest probability difference
${report.agreement.en.max_prob_diff.toExponential(2)} (en), ${report.agreement.zh.max_prob_diff.toExponential(2)} (zh).

**Through the whole analyzer** (\`rift eval --input <val file>\`: language detection, then the model;
for Chinese the neutral band applies and a neutral answer counts as wrong against the polar gold):
English macro recall ${viaEval.en.macro_recall}, accuracy ${viaEval.en.accuracy};
Chinese accuracy ${viaEval.zh.accuracy}, macro F1 ${viaEval.zh.macro_f1}.

## Limits
- Tweets from 2013-2017 are not posts about the TikTok ban from 2024-2025: vocabulary, sarcasm and
  political irony are served less well than the numbers above suggest. Validation is TweetEval's,
  from the same era.
- A bag of n-grams reads no word order beyond bigrams; negation is handled by marking words in a
  short scope after a negator, not by parsing. Sarcasm is mostly missed.
- **Chinese is served less well than its score suggests**: the binary validation task (reviews and
  Weibo posts like the training data) is easier than three-way tweets, but posts about the ban are
  far from food-delivery reviews; there is no neutral class, the neutral band is a rule, not learned,
  and it has not been measured on neutral Chinese posts because none are labelled. Treat Chinese
  sentiment as a coarse signal. Traditional characters are not converted to simplified.
- Languages other than English and Chinese are scored by the English model (emoji and shared
  words only): treat their sentiment as unknown.
- Sentiment is the tone of the post, not its stance on the ban (stance has its own rules).
`;
}
