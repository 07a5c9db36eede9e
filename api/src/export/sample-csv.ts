import { csvHeaderNames, csvText, isoSeconds } from './format.ts';
import type { Sample, SampleRequest } from './sample.ts';

/**
 * A sample as a coding sheet: the post, then empty columns for the coder. Coders stay blind: the
 * model's labels are not in the sheet, and neither is the stratum (a stratified sample's stratum
 * is the model's label), which goes to a separate key file (sampleKeyCsv) for the researcher.
 * `rift validate` looks the model's labels up by source + id when the coded sheet comes back.
 * The synthetic flag is in the sheet: a coder must know when a post is made up.
 */

export const CODE_COLUMNS = ['code_stance', 'code_sentiment', 'code_actor', 'coder', 'coder_notes'] as const;
const POST_COLUMNS = ['sample_seed', 'source', 'id', 'url', 'created_at', 'author_handle', 'lang', 'synthetic', 'text'] as const;
const KEY_COLUMNS = ['sample_seed', 'source', 'id', 'stratum'] as const;

export function sampleCsv(sample: Sample, request: SampleRequest): string {
  let out = csvHeaderNames([...POST_COLUMNS, ...CODE_COLUMNS]);
  for (const p of sample.posts) {
    const cells = [request.seed, p.source, p.id, p.url].map((cell) => csvText(cell));
    cells.push(isoSeconds(p.created_at), csvText(p.author_handle), csvText(p.lang), Number(p.synthetic) ? 'true' : 'false', csvText(p.text));
    out += `${cells.join(',')}${',""'.repeat(CODE_COLUMNS.length)}\r\n`;
  }
  return out;
}

/** The key to a sheet: each post's stratum, kept away from the coders. */
export function sampleKeyCsv(sample: Sample, request: SampleRequest): string {
  let out = csvHeaderNames([...KEY_COLUMNS]);
  for (const p of sample.posts) out += `${[request.seed, p.source, p.id, p.stratum].map((cell) => csvText(cell)).join(',')}\r\n`;
  return out;
}
