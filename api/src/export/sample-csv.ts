import { csvHeaderNames, csvText, isoSeconds } from './format.ts';
import type { Sample, SampleRequest } from './sample.ts';

/**
 * A sample as a coding sheet: the post, then empty columns for the coder. The model's labels
 * are not in the sheet (coders should not see them); `rift validate` looks them up by
 * source + id when the coded sheet comes back.
 */

export const CODE_COLUMNS = ['code_stance', 'code_sentiment', 'code_actor', 'coder', 'coder_notes'] as const;
const POST_COLUMNS = ['sample_seed', 'stratum', 'source', 'id', 'url', 'created_at', 'author_handle', 'lang', 'text'] as const;

export function sampleCsv(sample: Sample, request: SampleRequest): string {
  let out = csvHeaderNames([...POST_COLUMNS, ...CODE_COLUMNS]);
  for (const p of sample.posts) {
    const cells = [request.seed, p.stratum, p.source, p.id, p.url].map((cell) => csvText(cell));
    cells.push(isoSeconds(p.created_at), csvText(p.author_handle), csvText(p.lang), csvText(p.text));
    out += `${cells.join(',')}${',""'.repeat(CODE_COLUMNS.length)}\r\n`;
  }
  return out;
}
