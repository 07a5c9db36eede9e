import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AnalysisSchema } from '@rift/core';
import command from './analyze-file.ts';
import { analyzeStreamParallel } from '../analyze-file/analyze-parallel.ts';
import { analyzeStream } from '../analyze-file/analyze-stream.ts';
import { BUNDLE, INPUTS, type Input, threadEntry } from '../analyze-file/compiled-thread.ts';
import { loadAnalyzer, loadPack } from '../load-analyzer.ts';

const analyzer = loadAnalyzer();

async function runLines(lines: string[]): Promise<Record<string, unknown>[]> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  await analyzeStream(analyzer, Readable.from([lines.join('\n') + '\n']), sink);
  sink.end();
  return Buffer.concat(chunks)
    .toString('utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('rift analyze', () => {
  it('keeps one output line per input line, in order, with errors for bad lines', async () => {
    const out = await runLines([
      JSON.stringify({ id: 'a', text: 'Save TikTok! #SaveTikTok', author: { handle: 'potus' } }),
      '{not json',
      JSON.stringify({ id: 'c' }),
      '[1,2]',
      '',
      JSON.stringify({ id: 'f', text: 42 }),
      JSON.stringify({ id: 'g', text: '', extra: { kept: true } }),
    ]);
    expect(out).toHaveLength(7);
    expect(out[0]!.id).toBe('a');
    expect(AnalysisSchema.parse(out[0]!.analysis)).toBeTruthy();
    expect((out[0]!.analysis as { actor: { label: string } }).actor.label).toBe('us_government');
    for (const i of [1, 2, 3, 4, 5]) {
      expect(out[i]!.error, `line ${i + 1}`).toEqual(expect.any(String));
      expect(out[i]!.analysis).toBeUndefined();
    }
    expect(out[1]!.line).toBe(2);
    expect(out[2]!.id).toBe('c');
    expect(out[6]!.extra).toEqual({ kept: true });
    expect(out[6]!.analysis).toBeDefined();
  });

  it('runs as a command on files', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rift-analyze-'));
    const input = path.join(dir, 'in.jsonl');
    const output = path.join(dir, 'out.jsonl');
    const rows = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: String(i), text: i % 2 ? '我爱小红书' : 'I hate the TikTok ban 😡' }));
    writeFileSync(input, rows.join('\n') + '\n');
    expect(await command.run(['--input', input, '--output', output])).toBe(0);
    const lines = readFileSync(output, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(3000);
    expect(JSON.parse(lines[2999]!).id).toBe('2999');
    expect(JSON.parse(lines[1]!).analysis.lang).toBe('zh');
  });

  it('writes the same bytes with worker threads as in one thread, batches cut anywhere', async () => {
    const rows = Array.from({ length: 600 }, (_, i) =>
      i % 97 === 5 ? '{broken' : i % 89 === 3 ? '' : JSON.stringify({ id: String(i), text: i % 3 ? `TikTok ban, post ${i} 😡` : `我爱小红书 ${i}` }),
    );
    // A BOM, CRLF line ends and a last line without its newline, as files from other tools have them.
    const text = `\ufeff${rows.slice(0, 300).join('\r\n')}\r\n${rows.slice(300).join('\n')}`;
    const single = new PassThrough();
    const singleOut: Buffer[] = [];
    single.on('data', (c: Buffer) => singleOut.push(c));
    const one = await analyzeStream(analyzer, Readable.from([Buffer.from(text)]), single);
    for (const batchBytes of [1, 700, 1 << 20]) {
      const sink = new PassThrough();
      const out: Buffer[] = [];
      sink.on('data', (c: Buffer) => out.push(c));
      // Bytes in pieces that split characters and lines, as a file stream delivers them.
      const bytes = Buffer.from(text);
      const pieces = Array.from({ length: Math.ceil(bytes.length / 4099) }, (_, i) => bytes.subarray(i * 4099, (i + 1) * 4099));
      const many = await analyzeStreamParallel(Readable.from(pieces), sink, { workers: 2, batchBytes, loadPack: async () => loadPack() });
      expect({ lines: many.lines, analyzed: many.analyzed, errors: many.errors }, `batchBytes ${batchBytes}`).toEqual(one);
      expect(Buffer.concat(out).equals(Buffer.concat(singleOut)), `batchBytes ${batchBytes}`).toBe(true);
      expect(many.modelVersion).toBe(analyzer.modelVersion);
    }
    expect(one).toEqual({ lines: 600, analyzed: 600 - 7 - 7, errors: 14 });
    const lines = Buffer.concat(singleOut).toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[5]!.line).toBe(6);
    expect(lines[0]!.id).toBe('0');
    expect(lines[599]!.id).toBe('599');
  });

  it('runs worker threads on files with --workers', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rift-analyze-'));
    const input = path.join(dir, 'in.jsonl');
    const rows = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: String(i), text: i % 2 ? '我爱小红书' : 'I hate the TikTok ban 😡' }));
    writeFileSync(input, rows.join('\n') + '\n');
    expect(await command.run(['--input', input, '--output', path.join(dir, 'one.jsonl'), '--workers', '1'])).toBe(0);
    expect(await command.run(['--input', input, '--output', path.join(dir, 'two.jsonl'), '--workers', '2'])).toBe(0);
    expect(readFileSync(path.join(dir, 'two.jsonl')).equals(readFileSync(path.join(dir, 'one.jsonl')))).toBe(true);
    await expect(command.run(['--input', input, '--output', path.join(dir, 'x.jsonl'), '--workers', '0'])).rejects.toThrow(/--workers/);
  });

  it('rejects bad arguments', async () => {
    await expect(command.run([])).rejects.toThrow(/--input/);
    await expect(command.run(['--input', 'x', '--bogus', 'y'])).rejects.toThrow(/unknown option/);
  });

  it('runs its worker threads from the JavaScript bundle, rebuilt when a file it was built from changed', async () => {
    expect((await threadEntry()).href).toBe(pathToFileURL(BUNDLE).href);
    const inputs = JSON.parse(readFileSync(INPUTS, 'utf8')) as Input[];
    expect(inputs.map((i) => path.basename(i.file))).toEqual(expect.arrayContaining(['analyze-thread.ts', 'analyze-stream.ts', 'tokenize.ts', 'stance-model.ts']));
    // As if analyze-thread.ts had been edited since the bundle was built.
    const stale = inputs.map((i) => (path.basename(i.file) === 'analyze-thread.ts' ? { ...i, mtimeMs: 0 } : i));
    writeFileSync(INPUTS, JSON.stringify(stale));
    expect((await threadEntry()).href).toBe(pathToFileURL(BUNDLE).href);
    expect(JSON.parse(readFileSync(INPUTS, 'utf8'))).toEqual(inputs);
  });
});
