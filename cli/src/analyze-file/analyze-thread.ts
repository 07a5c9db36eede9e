/**
 * One worker thread of `rift analyze --workers N`: builds its own analyzer from the topic pack the
 * main thread read and checked (its first message), then answers each batch of whole input lines
 * with their output lines (analyze-parallel.ts sends and orders them). It imports the analysis
 * alone, so it starts in a fraction of the time the whole of @rift/core and @rift/analyze take.
 */
import { once } from 'node:events';
import { parentPort } from 'node:worker_threads';
import type { TopicPack } from '@rift/core/pack-setup';
import { createAnalyzer } from '@rift/analyze/scoring';
import { outputLine } from './analyze-stream.ts';
import type { LineBatch, LineBatchResult } from './analyze-parallel.ts';

const port = parentPort!;
const [{ pack }] = (await once(port, 'message')) as [{ pack: TopicPack }];
const analyzer = createAnalyzer(pack);
port.postMessage({ modelVersion: analyzer.modelVersion });
port.on('message', (batch: LineBatch) => {
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
  port.postMessage(result);
});
