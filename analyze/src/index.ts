// The front door of @rift/analyze: the analyzer, the models and their training, as the `rift`
// commands (cli/), the harness and the bench use them. Its package.json exports only this file.
export type { Analyzer, AnalyzerInput } from './analyzer.ts';
export { createAnalyzer } from './nlp/index.ts';
export { formatReliability } from './nlp/calibration.ts';
export { evaluateFile, type EvalResult, type TaskMetrics } from './nlp/evaluate-file.ts';
export { loadArtefact, MODELS_DIR, saveArtefact } from './nlp/model-artefact.ts';
export { createModelEngine } from './nlp/model-sentiment.ts';
export { loadStanceModelFile } from './nlp/stance-model.ts';
export { measureActor, writeActorArtefacts, type SpokenStatement } from './nlp/training/actor-card.ts';
export { readLabelled } from './nlp/training/dataset.ts';
export { modelCardSection, withSentimentSection, type PeerFigures, type SearchRow } from './nlp/training/model-card.ts';
export { metricsOfLabeller, peerLabellers } from './nlp/training/peers.ts';
export { writeStanceArtefacts } from './nlp/training/stance-artefacts.ts';
export { DATA_FILES, SHIPPED_SETTINGS, trainSentiment } from './nlp/training/train-sentiment.ts';
export { readStatements, STANCE_FILES, trainStance } from './nlp/training/train-stance.ts';
export { readStanceBackground, readStanceCheck, STANCE_BACKGROUND_FILES } from './nlp/training/stance-background.ts';
export { buildRegistry, SOURCE_FILES } from './registry/us-government-registry.ts';
export { REGISTRY_FILE, writeRegistry } from './registry/registry-file.ts';
export { ConfusionCounter } from './nlp/metrics.ts';
export { formatAccuracyTable, sentimentAccuracyTable } from './nlp/training/accuracy-table.ts';
export { type Labeller } from './nlp/training/peers.ts';
export { type BatchOutcome } from './process-batch.ts';
export { startAnalyzeWorker } from './worker.ts';
