import { countOutcome } from '@rift/core';
import type { PostProducer } from './producer.ts';

/** A row a source could not turn into a post, with where it was. */
export interface SourceError {
  line: number;
  error: string;
}

export type SourceItem = { post: unknown } | SourceError;

/**
 * Moves everything a source yields onto the queue through the producer. Errors from the source
 * (a bad line in a file, say) become dead letters with their line number: counted, never dropped.
 */
export async function feed(
  items: Iterable<SourceItem> | AsyncIterable<SourceItem>,
  producer: PostProducer,
  source: string,
  onProgress?: (read: number) => void,
): Promise<number> {
  let read = 0;
  for await (const item of items) {
    read++;
    if ('post' in item) countOutcome('validate', await producer.add(item.post, source));
    else countOutcome('validate', await producer.reject(source, `line ${item.line}: ${item.error}`, { line: item.line }));
    if (onProgress && read % 1000 === 0) onProgress(read);
  }
  await producer.flush();
  onProgress?.(read);
  return read;
}
