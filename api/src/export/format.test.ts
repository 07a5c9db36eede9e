import { describe, expect, it } from 'vitest';
import { parseCsv } from '../validation/csv-reader.ts';
import { csvRecord, csvText, jsonlRecord, neutraliseFormula, restoreNeutralised } from './format.ts';
import { parseColumns } from './dictionary.ts';
import { FORMULA_CELLS } from '@rift/testing/formula-cells';

describe('CSV cells', () => {
  it('neutralises every formula start, bare or after whitespace, and keeps the change reversible', () => {
    for (const [name, value] of Object.entries(FORMULA_CELLS)) {
      expect(neutraliseFormula(value), name).toBe(`'${value}`);
      expect(restoreNeutralised(neutraliseFormula(value)), name).toBe(value);
    }
    for (const safe of ['plain', 'x =not first', '中文', '#tag', '1+1', '', '\u200b=1']) expect(neutraliseFormula(safe)).toBe(safe);
  });

  it('writes exact text when neutralisation is off, and never a raw NUL', () => {
    expect(csvText('=1+1', { safe: false })).toBe('"=1+1"');
    expect(csvText('a\0b', { safe: false })).toBe('"a\ufffdb"');
    expect(csvText('\0=1')).toBe('"\ufffd=1"');
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and reads back exactly', () => {
    const columns = parseColumns('id,text,topics,sentiment_score,synthetic,created_at');
    const text = 'say "no", then\r\nleave,\nnow';
    const line = csvRecord(columns, { id: '=1+1', text, topics: ['free_speech', 'economy'], sentiment_score: -0.5, synthetic: 1, created_at: 1717405200 });
    expect(line).toBe(`"'=1+1","say ""no"", then\r\nleave,\nnow","free_speech|economy",-0.5,"true","2024-06-03T09:00:00Z"\r\n`);
    const [record] = parseCsv(line);
    expect(record!.cells.map(restoreNeutralised)).toEqual(['=1+1', text, 'free_speech|economy', '-0.5', 'true', '2024-06-03T09:00:00Z']);
  });

  it('keeps JSONL exact: no apostrophes, real arrays, booleans and numbers; NUL as U+FFFD', () => {
    const columns = parseColumns('id,topics,likes,text_truncated,text');
    const line = jsonlRecord(columns, { id: '=cmd', topics: ['a\0'], likes: 3, text_truncated: 0, text: 'x\0y' });
    expect(line).not.toContain('\\u0000');
    expect(JSON.parse(line)).toEqual({ id: '=cmd', topics: ['a\ufffd'], likes: 3, text_truncated: false, text: 'x\ufffdy' });
  });
});

describe('parseColumns', () => {
  it('defaults to every column but the optional raw payload', () => {
    const names = parseColumns(undefined).map((c) => c.name);
    expect(names).toContain('stance_confidence');
    expect(names).not.toContain('raw');
    expect(parseColumns('raw,id').map((c) => c.name)).toEqual(['raw', 'id']);
  });

  it('refuses unknown and repeated columns', () => {
    expect(() => parseColumns('id,password')).toThrow(/unknown column "password"/);
    expect(() => parseColumns('id,id')).toThrow(/twice/);
    expect(() => parseColumns('id,')).toThrow(/unknown column ""/);
  });
});

describe('parseCsv', () => {
  it('reads LF and CRLF files with a byte-order mark, and reports an unclosed quote', () => {
    expect(parseCsv('\ufeffa,b\r\n1,"x\ny"\n\n2,\n').map((r) => [r.line, r.cells])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', 'x\ny']],
      [5, ['2', '']],
    ]);
    expect(() => parseCsv('a\n"open')).toThrow(/line 2: a quoted cell is never closed/);
  });
});
