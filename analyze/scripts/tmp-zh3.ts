import { readTrainCorpus } from '/work/wt/sentiment/analyze/src/nlp/training/train-sentiment.ts';
import { outOfFold } from '/work/wt/sentiment/analyze/src/nlp/training/cross-validation.ts';
import { trainSparse } from '/work/wt/sentiment/analyze/src/nlp/training/sparse-trainer.ts';
import { toExamples } from '/work/wt/sentiment/analyze/src/nlp/training/dataset.ts';
import { tuneOffsets, meanMacroRecall, offsetDecision } from '/work/wt/sentiment/analyze/src/nlp/training/evaluate.ts';
import { ntusdPrior } from '/work/wt/sentiment/analyze/src/nlp/training/lexicon-priors.ts';
const corpus = await readTrainCorpus('/work/shared/data');
const C = ['negative', 'neutral', 'positive'];
const o = { bits: 17, lr: 0.02, epochs: 2, l2: 0.001, sw: 3, nw: 1, ...JSON.parse(process.argv[2] ?? '{}') };
const p2 = ntusdPrior('/work/shared/data/lexicons/zh-ntusd-simplified.tsv', o.bits, 0.1);
const prior = new Float32Array((1 << o.bits) * 3);
for (let i = 0; i < 1 << o.bits; i++) { prior[i*3] = p2[i*2]!; prior[i*3+2] = p2[i*2+1]!; }
const groups = [
  { name: 'posts', examples: toExamples(corpus.zhPosts, C, o.bits, true), train: true, weight: 1 },
  { name: 'st', examples: toExamples(corpus.zhStatements, C, o.bits, true), train: true, weight: o.sw },
];
const oof = outOfFold(groups, 5, 11, (ex, w) => {
  const counts = [0, 0, 0]; ex.forEach((e, i) => counts[e.label]! += w[i]!);
  const total = counts.reduce((a, b) => a + b);
  const cw = counts.map((c, k) => k === 1 ? Math.min(total / (3 * c), o.nw * total / (3 * counts[0]!)) : total / (3 * c));
  return trainSparse(ex, prior, { classes: C, hashBits: o.bits, epochs: o.epochs, learningRate: o.lr, l2: o.l2, classWeights: cw, seed: 5, exampleWeights: w });
});
const sets = [0, 1].map((g) => ({ probs: oof[g]!, examples: groups[g]!.examples }));
const off = tuneOffsets(sets, C, 2, 0.1);
const r = meanMacroRecall(sets, C, offsetDecision(C, off));
console.log(JSON.stringify(o), off, r.mean.toFixed(4), r.each.map((m) => m.macro_recall), JSON.stringify(r.each[1]!.confusion));
const r0 = meanMacroRecall(sets, C, offsetDecision(C, [0,0,0]));
console.log('no offsets', r0.mean.toFixed(4), r0.each.map((m) => m.macro_recall), JSON.stringify(r0.each[1]!.confusion));
