/**
 * `rift train [--data DIR] [--out DIR] [--only sentiment|stance]`: retrains the shipped models
 * from the data folder (default: ../shared/data next to the repository) and writes the weights,
 * settings and model cards into analyze/models/. Deterministic: same data, same weights, same version.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, loadTopicPack, REPO_ROOT } from '@rift/core';
import {
  createAnalyzer,
  createModelEngine,
  DATA_FILES,
  evaluateFile,
  loadArtefact,
  loadStanceModelFile,
  measureActor,
  metricsOfLabeller,
  modelCardSection,
  MODELS_DIR,
  peerLabellers,
  readLabelled,
  readStanceBackground,
  readStanceCheck,
  readStatements,
  saveArtefact,
  SHIPPED_SETTINGS,
  STANCE_BACKGROUND_FILES,
  STANCE_FILES,
  trainSentiment,
  trainStance,
  withSentimentSection,
  writeActorArtefacts,
  writeStanceArtefacts,
  type PeerFigures,
  type SearchRow,
  type SpokenStatement,
} from '@rift/analyze';
import { parseOptions } from '../args.ts';
import { UsageError, type Command } from '../command.ts';
import { buildStanceConfusion } from './confusion.ts';

export const DEFAULT_DATA_DIR = path.resolve(REPO_ROOT, '../shared/data');

const command: Command = {
  summary: 'Retrain the sentiment and stance models, measure the actor classifier, and write analyze/models/ (weights + model cards)',
  usage: [
    'Usage: rift train [--data DIR] [--out DIR] [--only sentiment|stance]',
    '',
    `--data  folder with en/, zh/, stance/ and lexicons/ (default ${path.relative(process.cwd(), DEFAULT_DATA_DIR) || '.'})`,
    `--out   where the model goes (default ${path.relative(process.cwd(), MODELS_DIR)})`,
    '--only  train one model (default: all)',
    'Chooses settings by cross-validation on *-train.jsonl, trains on them, then reports on',
    '*-val.jsonl once. About a minute per model on 2 cores.',
  ].join('\n'),
  async run(args) {
    const opts = parseOptions(args, ['data', 'out', 'only']);
    const dataDir = path.resolve(opts.get('data') ?? DEFAULT_DATA_DIR);
    const outDir = path.resolve(opts.get('out') ?? MODELS_DIR);
    const only = opts.get('only');
    if (only !== undefined && only !== 'sentiment' && only !== 'stance') throw new UsageError('--only takes sentiment or stance');
    const log = (line: string): void => void process.stderr.write(`rift train: ${line}\n`);
    if (only !== 'sentiment') trainStanceModel(dataDir, outDir, log);
    if (only !== 'stance') await trainSentimentModel(dataDir, outDir, log);
    // The divide's correction reads the confusion of the whole analyzer's version, so it is rebuilt last.
    await writeStanceConfusion(dataDir, outDir, log);
    return 0;
  },
};

async function trainSentimentModel(dataDir: string, outDir: string, log: (line: string) => void): Promise<void> {
  for (const file of Object.values(DATA_FILES)) {
    if (!existsSync(path.join(dataDir, file))) throw new UsageError(`${path.join(dataDir, file)} not found; pass --data DIR`);
  }
  const { en, zh, report } = await trainSentiment(dataDir, SHIPPED_SETTINGS, log);
  const version = saveArtefact(outDir, { en, zh, enFeatures: SHIPPED_SETTINGS.en.features }, report);
  const weightBytes = statSync(path.join(outDir, 'sentiment-weights.bin')).size;
  // Measure the written artefact through the whole analyzer, exactly as `rift eval` does.
  const analyzer = createAnalyzer(loadTopicPack(loadConfig().RIFT_TOPIC_PACK), { sentiment: createModelEngine(loadArtefact(outDir)!) });
  const viaEval = {
    en: (await evaluateFile(path.join(dataDir, DATA_FILES.enVal), analyzer)).results.sentiment!,
    zh: (await evaluateFile(path.join(dataDir, DATA_FILES.zhVal), analyzer)).results.sentiment!,
    statements: (await evaluateFile(path.join(dataDir, DATA_FILES.statementsVal), analyzer)).byLanguage.sentiment!,
  };
  const searchFile = path.join(MODELS_DIR, 'sentiment-cv-search.json');
  const search = existsSync(searchFile) ? (JSON.parse(readFileSync(searchFile, 'utf8')) as { rows: SearchRow[] }).rows : [];
  const peers: PeerFigures = {};
  const valFiles = { en_tweets: [DATA_FILES.enVal], en_statements: [DATA_FILES.statementsVal, 'en'], zh_statements: [DATA_FILES.statementsVal, 'zh'] } as const;
  for (const [name, [file, lang]] of Object.entries(valFiles) as [string, readonly [string, string?]][]) {
    const rows = await readLabelled(path.join(dataDir, file), lang);
    const labellers = peerLabellers();
    peers[name] = { 'vader-sentiment': metricsOfLabeller(rows, labellers['vader-sentiment']).macro_recall, sentiment: metricsOfLabeller(rows, labellers.sentiment).macro_recall };
  }
  const date = new Date().toISOString().slice(0, 10);
  const cardFile = path.join(outDir, 'MODEL_CARD.md');
  const card = existsSync(cardFile) ? readFileSync(cardFile, 'utf8') : null;
  writeFileSync(cardFile, withSentimentSection(card, modelCardSection(report, version, date, weightBytes, viaEval, search, peers)));
  log(`wrote ${outDir} (${version})`);
  console.log(JSON.stringify({ version, cv: report.cv.en.criterion, val: Object.fromEntries(Object.entries(report.val).map(([k, v]) => [k, v.metrics.macro_recall])) }));
}

async function writeStanceConfusion(dataDir: string, outDir: string, log: (line: string) => void): Promise<void> {
  const analyzer = createAnalyzer(loadTopicPack(loadConfig().RIFT_TOPIC_PACK), {
    sentiment: createModelEngine(loadArtefact(outDir)!),
    stanceModel: loadStanceModelFile(outDir),
  });
  const { result } = await buildStanceConfusion(path.join(dataDir, STANCE_FILES.val), analyzer);
  const file = path.join(outDir, 'stance-confusion.json');
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${file} for ${result.model_version}`);
}

function trainStanceModel(dataDir: string, outDir: string, log: (line: string) => void): void {
  const files = { train: path.join(dataDir, STANCE_FILES.train), val: path.join(dataDir, STANCE_FILES.val) };
  for (const file of Object.values(files)) if (!existsSync(file)) throw new UsageError(`${file} not found; pass --data DIR`);
  const pack = loadTopicPack(loadConfig().RIFT_TOPIC_PACK);
  const { file, report } = trainStance(pack, readStatements(files.train), readStatements(files.val), { train: STANCE_FILES.train, val: STANCE_FILES.val }, {
    log,
    background: readStanceBackground(dataDir),
    backgroundFiles: Object.values(STANCE_BACKGROUND_FILES),
    check: readStanceCheck(dataDir),
  });
  const date = new Date().toISOString().slice(0, 10);
  const version = writeStanceArtefacts(outDir, pack, file, report, date);
  log(`wrote stance ${version}: cv macro-F1 ${report.cv.all.macro_f1}, val macro-F1 ${report.val.all.macro_f1}`);
  const spoken = (f: string): SpokenStatement[] => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as SpokenStatement);
  const actor = { train: measureActor(pack, spoken(files.train)), val: measureActor(pack, spoken(files.val)) };
  writeActorArtefacts(outDir, pack, actor, { train: STANCE_FILES.train, val: STANCE_FILES.val }, date);
  log(`wrote actor card: train macro-F1 ${actor.train.macro_f1}, val macro-F1 ${actor.val.macro_f1}`);
}

export default command;
