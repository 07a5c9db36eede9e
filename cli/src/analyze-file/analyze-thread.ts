/**
 * One worker thread of `rift analyze --workers N`: builds its own analyzer, then answers each
 * batch of whole input lines with their output lines (analyze-parallel.ts sends and orders them).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { outputLine } from './analyze-stream.ts';
import type { LineBatch, LineBatchResult } from './analyze-parallel.ts';
import { loadAnalyzer } from '../load-analyzer.ts';

const analyzer = loadAnalyzer((workerData as { pack?: string }).pack);
parentPort!.postMessage({ modelVersion: analyzer.modelVersion });
parentPort!.on('message', (batch: LineBatch) => {
  const result: LineBatchResult = { id: batch.id, text: '', analyzed: 0, errors: 0 };
  const { text } = batch;
  let lineNo = batch.firstLine;
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const { json, ok } = outputLine(analyzer, text.slice(start, end), lineNo++);
    if (ok) result.analyzed++;
    else result.errors++;
    result.text += json + '\n';
    start = end + 1;
  }
  parentPort!.postMessage(result);
});
