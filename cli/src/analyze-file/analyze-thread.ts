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
const encoder = new TextEncoder();
port.on('message', (batch: LineBatch) => {
  const text = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength).toString('utf8');
  let out = '';
  let analyzed = 0;
  let errors = 0;
  let lineNo = batch.firstLine;
  let start = 0;
  while (start < text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    const { json, ok } = outputLine(analyzer, text.slice(start, end), lineNo++);
    if (ok) analyzed++;
    else errors++;
    out += json + '\n';
    start = end + 1;
  }
  // A fresh buffer of its own (Buffer.from may hand out a slice of a shared pool), transferred.
  const bytes = encoder.encode(out);
  port.postMessage({ id: batch.id, bytes, analyzed, errors } satisfies LineBatchResult, [bytes.buffer]);
});
