import { readTrainCorpus, inputsFor, SHIPPED_SETTINGS, CLASSES } from '../src/nlp/training/train-sentiment.ts';
import { outOfFold } from '../src/nlp/training/cross-validation.ts';
import { trainSparse } from '../src/nlp/training/sparse-trainer.ts';
import { balancedClassWeights } from '../src/nlp/training/dataset.ts';
import { tuneOffsets, meanMacroRecall, offsetDecision } from '../src/nlp/training/evaluate.ts';
const corpus = await readTrainCorpus('/work/shared/data');
const s = SHIPPED_SETTINGS.zh;
const inp = inputsFor('zh', corpus, s, '/work/shared/data');
const oof = outOfFold(inp.groups, 5, SHIPPED_SETTINGS.seed + 1, (ex, w) => trainSparse(ex, inp.prior, { classes: CLASSES, hashBits: s.hashBits, epochs: s.epochs, learningRate: s.learningRate, l2: s.l2, classWeights: balancedClassWeights(ex, 3, w, s.classWeightCap), seed: SHIPPED_SETTINGS.seed + 1, exampleWeights: w }));
const sets = [0, 1].map((g) => ({ probs: oof[g]!, examples: inp.groups[g]!.examples }));
const pooled = { probs: new Float64Array([...sets[0]!.probs, ...sets[1]!.probs]), examples: [...sets[0]!.examples, ...sets[1]!.examples] };
for (const [name, tuneOn] of [['mean', sets], ['pooled', [pooled]]] as const) {
  const off = tuneOffsets(tuneOn, CLASSES, 3, 0.1);
  const r = meanMacroRecall([...sets, pooled], CLASSES, offsetDecision(CLASSES, off));
  const post = r.each[0]!.confusion;
  const neutralShare = (post.negative!.neutral! + post.positive!.neutral!) / sets[0]!.examples.length;
  console.log(name, off, 'posts', r.each[0]!.macro_recall, 'statements', r.each[1]!.macro_recall, 'pooled', r.each[2]!.macro_recall, 'posts called neutral', neutralShare.toFixed(3), JSON.stringify(r.each[1]!.confusion));
}
