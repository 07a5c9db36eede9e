import type { PostQueryInput } from '@rift/queries';

/**
 * The slice filters as command-line options (`--from`, `--min-confidence`, ...), for the
 * rift commands that read a slice; their values go through the same parsing as the API's.
 */
export const SLICE_OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  actor: { type: 'string' },
  stance: { type: 'string' },
  sentiment: { type: 'string' },
  lang: { type: 'string' },
  source: { type: 'string' },
  topic: { type: 'string' },
  q: { type: 'string' },
  'min-confidence': { type: 'string' },
  'confidence-on': { type: 'string' },
} as const;

export const SLICE_USAGE = [
  'Filters (as in the API): --from DATE --to DATE (UTC, [from, to)), --actor, --stance, --sentiment,',
  '--lang, --source, --topic (comma-separated values), --q KEYWORD (in the text, any case),',
  '--min-confidence 0..1 with --confidence-on stance|sentiment|actor (default stance).',
].join('\n');

export function sliceInput(values: Partial<Record<keyof typeof SLICE_OPTIONS, string>>): PostQueryInput {
  const { 'min-confidence': minConfidence, 'confidence-on': confidenceOn, ...rest } = values;
  return { ...rest, min_confidence: minConfidence, confidence_on: confidenceOn };
}
