/**
 * What `rift train` writes for stance into analyze/models/:
 * - stance-model.json: the weights the analyzer loads, with the training report inside;
 * - stance-metrics.json: the figures alone (validation and cross-validation, per language), for
 *   export sidecars and the bench;
 * - MODEL_CARD_STANCE.md: the card for people.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TopicPack } from '@rift/core';
import { STANCE_MODEL_FILE, stanceModelVersion, type StanceModelFile } from '../stance-model.ts';
import type { StanceFigures, StanceTrainingReport } from './train-stance.ts';

export function writeStanceArtefacts(dir: string, pack: TopicPack, file: StanceModelFile, report: StanceTrainingReport, date: string): string {
  const version = stanceModelVersion(file);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, STANCE_MODEL_FILE), JSON.stringify(file) + '\n');
  const strip = (f: StanceFigures) => ({ ...f.all, by_language: f.by_language });
  writeFileSync(path.join(dir, 'stance-metrics.json'), JSON.stringify({ model_version: version, val: strip(report.val), cv: strip(report.cv) }, null, 2) + '\n');
  writeFileSync(path.join(dir, 'MODEL_CARD_STANCE.md'), stanceCard(pack, version, report, date));
  return version;
}

function row(name: string, cv: { macro_f1: number; f_avg: number; accuracy: number; n: number }, val: { macro_f1: number; f_avg: number; accuracy: number; n: number } | undefined): string {
  const v = val ? `${val.macro_f1} | ${val.f_avg} | ${val.accuracy} | ${val.n}` : 'n/a | n/a | n/a | 0';
  return `| ${name} | ${cv.macro_f1} | ${cv.f_avg} | ${cv.accuracy} | ${cv.n} | ${v} |`;
}

function backgroundMethod(report: StanceTrainingReport): string[] {
  const b = report.background;
  if (!b.n) return [];
  return [
    `Then, at those settings, the weight of ${b.n} background posts labelled neutral (below): tried ${b.tried.map((t) => t.weight).join(', ')} times`,
    'the weight of all neutral statements together, the largest kept whose statements\' CV macro-F1 is within one standard error',
    `(${b.standard_error}) of the best weight's. Chosen: ${b.weight}. Background posts join the folds in turn; only statements are scored.`,
  ];
}

function backgroundData(report: StanceTrainingReport): string[] {
  const b = report.background;
  if (!b.n) return ['Nothing else was used for stance.'];
  const langs = Object.entries(b.by_language).map(([lang, n]) => `${n} ${lang}`).join(', ');
  const lines = [
    '',
    `Background: ${b.n} posts (${langs}) from ${b.files.map((f) => `\`${f}\``).join(' and ')}, labelled neutral. They were written`,
    '(SemEval tweets of 2013-2016; Chinese reviews and Weibo posts) years before the ban was debated, so none holds a position',
    'on it; every statement is about the ban, so without them the model never saw a post that is not. English tweets naming',
    'another platform have that name replaced once by TikTok or RedNote (never those with words of the debate: ban, law,',
    'security, China, privacy...), so app chatter is represented (analyze/src/nlp/training/stance-background.ts).',
    '',
    '| background weight | statements CV macro-F1 | background called neutral, out of fold |',
    '| ---: | ---: | ---: |',
    ...b.tried.map((t) => `| ${t.weight}${t.weight === b.weight ? ' (chosen)' : ''} | ${t.cv_macro_f1} | ${t.background_neutral_share ?? 'n/a'} |`),
  ];
  if (b.check) {
    lines.push(
      '',
      `Check on ${b.check.n} real tweets of 2022 that mention TikTok (\`${b.check.file}\`, unlabelled, mostly not about the ban; never`,
      `trained on, and no setting was chosen by it): the model gives a side to ${pct(b.check.side_share)} of them, against`,
      `${pct(b.check.side_share_without_background)} for the same settings trained without the background.`,
    );
  }
  return lines;
}

function pct(share: number): string {
  return `${(100 * share).toFixed(1)}%`;
}

function stanceCard(pack: TopicPack, version: string, report: StanceTrainingReport, date: string): string {
  const s = report.settings;
  const langs = [...new Set([...Object.keys(report.cv.by_language), ...Object.keys(report.val.by_language)])].sort();
  const reliability = (label: string, f: StanceFigures): string[] => [
    `${label} (n=${f.all.calibration.n}, expected calibration error ${f.all.calibration.ece}):`,
    '',
    '| confidence | n | mean confidence | accuracy |',
    '| --- | ---: | ---: | ---: |',
    ...f.all.calibration.bins.map((b) => `| ${b.from.toFixed(1)}-${b.to.toFixed(1)} | ${b.n} | ${b.mean_confidence} | ${b.accuracy} |`),
    '',
  ];
  return [
    '# Model card: stance on the ban',
    '',
    `Version \`${version}\`, trained ${date} by \`rift train\` for the topic pack \`${pack.id}@${pack.version}\`. Written by the`,
    'training command; do not edit by hand.',
    '',
    '## What it does',
    'Labels a post `support_ban`, `oppose_ban` or `neutral` (the brief\'s definitions: the ban or the forced sale; joining',
    'RedNote in protest opposes it; worry about China without a position, and news that only reports, are neutral).',
    'It reads the text only. No author field, actor class or source reaches it: the analyzer passes it the',
    'tokenized text and nothing else, and a test changes every author field and the source of posts and finds the',
    'same stance and confidence. The divide compares stance across actors, so a model that saw the speaker would',
    'make the divide measure its own prior.',
    '',
    '## Method',
    `${report.method}.`,
    'Features (analyze/src/nlp/stance-features.ts): the pack\'s argument frames (`stance_frames`: security, a forced',
    'sale, foreign leverage, rights, overreach, livelihoods, hypocrisy, coercion, pretext, denial, reported speech, polls, RedNote migration and',
    'more), each plain or negated, and pairs of frames in one post (denial with security, a forced sale with the word',
    'ban); the pack\'s weighted stance cues, plain or negated; words (negation-marked), bigrams, hashtags and Chinese',
    'character bigrams; per sentence, the tone toward the target it names first, usually its subject, and apart toward the',
    'others (the measure, the US government, the app, China\'s state: VADER\'s ratings in English, a list of evaluative words',
    'in Chinese; analyze/src/nlp/stance-targets.ts),',
    'whether it disputes a claim ("groundless", "so-called", 莫须有) and short scare quotes around a claim.',
    'Traditional Chinese is folded to Simplified before any of it.',
    '',
    `Settings chosen by ${s.folds}-fold cross-validation grouped by source page, repeated ${s.repeats} times with different deals of`,
    `pages to folds (seeds ${s.seed} to ${s.seed + s.repeats - 1}; all statements of a page share a fold, so each fold is scored on pages the`,
    'model never saw; the out-of-fold predictions of the repeats are pooled, so CV n counts each statement once a repeat) on the training',
    `statements, over ${report.grid_size} combinations: L2 ${s.l2Lexical} on lexical features, ${s.l2Frame} on frame and cue features,`,
    `word features kept when seen in at least ${s.minCount} statements, ${s.iterations} full-batch Adam steps at rate ${s.learningRate}.`,
    ...backgroundMethod(report),
    `Calibration: temperature ${s.temperature} (out-of-fold log-likelihood); a side is given only when its calibrated`,
    `probability is at least ${s.abstain_below}, otherwise the post is neutral with the model's (low) neutral probability as its`,
    'confidence. The confidence is what the Explorer\'s minimum-confidence filter reads.',
    '',
    '## Data',
    `Trained on \`${report.data.train}\` (${report.data.train_n} real statements about the ban quoted in public pages, English and`,
    `Chinese). \`${report.data.val}\` (${report.data.val_n} statements from the same kind of pages, no 40-character span shared) was`,
    'scored after the settings were fixed, by the run that wrote this card. While the features were being written (the frames, the',
    'tone toward targets) every change was judged by the cross-validation figure; each training run also printed the val',
    'figure, so val was seen several times, but no change was kept or dropped for it.',
    ...backgroundData(report),
    '',
    '## Figures',
    'Macro-F1 over the three classes; F_avg is SemEval-2016 task 6\'s mean F1 of the two sides.',
    '',
    '| slice | CV macro-F1 | CV F_avg | CV accuracy | CV n | val macro-F1 | val F_avg | val accuracy | val n |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('all', report.cv.all, report.val.all),
    ...langs.map((lang) => row(lang, report.cv.by_language[lang]!, report.val.by_language[lang])),
    '',
    `Cross-validation and validation differ by ${Math.abs(report.cv.all.macro_f1 - report.val.all.macro_f1).toFixed(3)} in macro-F1.`,
    '',
    '### Reliability',
    '',
    ...reliability('Cross-validation, out-of-fold', report.cv),
    ...reliability('Validation', report.val),
    '## Limits',
    '- Small data: a few hundred statements, one annotator. Figures on other pages will be lower than cross-validation',
    '  suggests wherever the phrasing differs; the frames carry what generalises, the word features what the pages said.',
    '- Sarcasm, analogy and arguments that need world knowledge (who a quoted name is, what an order did) are often',
    '  missed and fall to neutral; so do statements that argue a side without any of the frames\' phrases.',
    '- Quotes over-represent officials and companies; posts by ordinary users are shorter and rougher than the training text.',
    '- What a post without a position looks like is learned from old tweets, reviews and Weibo posts (the background), not',
    '  from posts of the debate: chatter that uses the debate\'s words (data, security, a ban on something else) can still get a side.',
    '- Other languages are scored with the same features and have no measured figure.',
    '',
  ].join('\n');
}
