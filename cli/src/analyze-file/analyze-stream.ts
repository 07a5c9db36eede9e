/**
 * Streams JSONL posts through the analyzer: one output line per input line, in order. Lines
 * that are not a JSON object with a string `text` come out with an `error` field instead of
 * an `analysis`. Output is written in chunks and waits for the sink to drain, so memory
 * stays flat whatever the file size.
 */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Analysis } from '@rift/core';
import type { Analyzer, AnalyzerInput } from '@rift/analyze';

const CHUNK_CHARS = 1 << 18;

export interface StreamCounts {
  lines: number;
  analyzed: number;
  errors: number;
}

function toInput(row: Record<string, unknown>): AnalyzerInput {
  const author = row.author && typeof row.author === 'object' ? (row.author as Record<string, unknown>) : undefined;
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  return {
    text: row.text as string,
    source: str(row.source),
    lang_hint: str(row.lang_hint),
    author: author && {
      handle: str(author.handle),
      name: str(author.name),
      description: str(author.description),
      verified_domain: str(author.verified_domain),
    },
  };
}

const versionJson = new Map<string, string>();

/** JSON of an analysis, written by hand: its shape is fixed and its labels need no escaping. */
export function analysisJson(a: Analysis): string {
  let version = versionJson.get(a.model_version);
  if (version === undefined) versionJson.set(a.model_version, (version = JSON.stringify(a.model_version)));
  const topics = a.topics.length ? `"${a.topics.join('","')}"` : '';
  return (
    `{"sentiment":{"label":"${a.sentiment.label}","score":${a.sentiment.score},"confidence":${a.sentiment.confidence}},` +
    `"stance":{"label":"${a.stance.label}","confidence":${a.stance.confidence}},"topics":[${topics}],` +
    `"lang":${JSON.stringify(a.lang)},"actor":{"label":"${a.actor.label}","confidence":${a.actor.confidence}},"model_version":${version}}`
  );
}

/** The output line for one input line (without the newline). */
export function analyzeLine(analyzer: Analyzer, line: string, lineNo: number): { json: string; ok: boolean } {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch (err) {
    return { json: JSON.stringify({ line: lineNo, raw: line.slice(0, 1000), error: `invalid JSON: ${(err as Error).message}` }), ok: false };
  }
  if (!row || typeof row !== 'object' || Array.isArray(row)) {
    return { json: JSON.stringify({ line: lineNo, raw: line.slice(0, 1000), error: 'line is not a JSON object' }), ok: false };
  }
  const obj = row as Record<string, unknown>;
  if (typeof obj.text !== 'string') return { json: JSON.stringify({ ...obj, error: 'text is missing or not a string' }), ok: false };
  try {
    const analysis = analyzer.analyze(toInput(obj));
    // Append to the line as written instead of re-serialising the whole post (much faster).
    const end = line.lastIndexOf('}');
    if (!('analysis' in obj) && end > 0) {
      const empty = line.slice(line.indexOf('{') + 1, end).trim() === '';
      return { json: `${line.slice(0, end)}${empty ? '' : ','}"analysis":${analysisJson(analysis)}}`, ok: true };
    }
    return { json: JSON.stringify({ ...obj, analysis }), ok: true };
  } catch (err) {
    return { json: JSON.stringify({ ...obj, error: `analysis failed: ${(err as Error).message}` }), ok: false };
  }
}

/** The output line for input line `lineNo` (1-based) as read, \r and all. */
export function outputLine(analyzer: Analyzer, raw: string, lineNo: number): { json: string; ok: boolean } {
  const unended = raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
  // A byte-order mark on the first line would otherwise make it unreadable JSON.
  const line = lineNo === 1 && unended.charCodeAt(0) === 0xfeff ? unended.slice(1) : unended;
  // A blank line is kept as a line (with an error) so output lines still match input lines.
  return line.trim() ? analyzeLine(analyzer, line, lineNo) : { json: JSON.stringify({ line: lineNo, error: 'empty line' }), ok: false };
}

export async function analyzeStream(analyzer: Analyzer, input: Readable, output: Writable): Promise<StreamCounts> {
  const counts: StreamCounts = { lines: 0, analyzed: 0, errors: 0 };
  let chunk = '';
  const flush = async (): Promise<void> => {
    if (!chunk) return;
    const ok = output.write(chunk);
    chunk = '';
    if (!ok) await once(output, 'drain');
  };
  for await (const raw of splitLines(input)) {
    counts.lines++;
    const { json, ok } = outputLine(analyzer, raw, counts.lines);
    if (ok) counts.analyzed++;
    else counts.errors++;
    chunk += json + '\n';
    if (chunk.length >= CHUNK_CHARS) await flush();
  }
  await flush();
  return counts;
}

/** Lines of a byte stream (UTF-8), without their \n; lighter than readline for millions of short lines. */
async function* splitLines(input: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const piece of input) {
    const text = rest + (typeof piece === 'string' ? piece : decoder.write(piece as Buffer));
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      yield text.slice(start, nl);
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest) yield rest;
}
