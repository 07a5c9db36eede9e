/**
 * The bytes of an imported file, made into lines of text: the one place that decides what bytes
 * are acceptable, for every format (JSONL and CSV alike).
 *
 * - Encoding: UTF-8 unless the caller names another (`latin1`, `windows-1252`, `gb18030`, any
 *   WHATWG label). A line that is not valid in that encoding stops the import with its line
 *   number and the flags to try: a wrong guess would store U+FFFD in place of every accent.
 * - Length: a line longer than `maxLineBytes` is never held whole. Its bytes are dropped as they
 *   arrive, an empty line takes its place (so line numbers stay true) and the line is reported.
 * - NUL: no stored string may hold U+0000 (ClickHouse keeps it, spreadsheets and C tools cut the
 *   text at it), raw in the file or escaped as `\u0000`; `nulProblem` names the field.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';

/** Longest line read by default: far above any post (texts are cut at 20,000 characters). */
export const DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;

const NEWLINE = 0x0a;

export class FileEncodingError extends Error {
  override name = 'FileEncodingError';
}

export interface TextOptions {
  /** A WHATWG encoding label; utf-8 unless given. */
  encoding?: string;
  maxLineBytes?: number;
}

/** Checks an encoding name before any byte is read: a typo is a usage error, not a failed import. */
export function checkEncoding(encoding: string): string {
  let name: string | undefined;
  try {
    name = new TextDecoder(encoding).encoding;
  } catch {
    name = undefined;
  }
  // UTF-16 puts zero bytes inside characters and newlines: lines cannot be split on bytes.
  if (name && !name.startsWith('utf-16')) return name;
  throw new FileEncodingError(`unsupported encoding "${encoding}"; try utf-8, latin1, windows-1252, gb18030, shift_jis or euc-kr`);
}

function encodingHint(encoding: string): string {
  return encoding === 'utf-8'
    ? 'it is not UTF-8: name its encoding, e.g. --encoding latin1 (Western European), --encoding windows-1252, --encoding gb18030 (Chinese) or --encoding shift_jis'
    : `it is not valid ${encoding} either: name the encoding the file was saved in with --encoding`;
}

/**
 * A stream of decoded text, line by line (each line followed by "\n"), that holds at most one
 * line of at most `maxLineBytes` bytes. `tooLong` lists the lines it replaced by empty ones.
 */
export class SafeTextStream extends Transform {
  readonly tooLong = new Map<number, string>();
  private readonly decoder: TextDecoder;
  private readonly encoding: string;
  private readonly maxLineBytes: number;
  private parts: Buffer[] = [];
  private bytes = 0;
  private skipping = false;
  private line = 1;
  /** Decoded lines of the current chunk, pushed as one string (a push per line is slow). */
  private out: string[] = [];

  constructor(options: TextOptions = {}) {
    super({ readableObjectMode: false, decodeStrings: true, encoding: 'utf8' });
    this.encoding = checkEncoding(options.encoding ?? 'utf-8');
    // ignoreBOM keeps a byte-order mark as text: the format readers strip it from the first line.
    this.decoder = new TextDecoder(this.encoding, { fatal: true, ignoreBOM: true });
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      let start = 0;
      while (start < chunk.length) {
        const end = chunk.indexOf(NEWLINE, start);
        this.hold(chunk.subarray(start, end === -1 ? chunk.length : end));
        if (end === -1) break;
        this.endLine();
        start = end + 1;
      }
      this.pushOut();
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      if (this.bytes > 0 || this.skipping) this.endLine();
      this.pushOut();
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  private hold(piece: Buffer): void {
    if (this.skipping || piece.length === 0) return;
    if (this.bytes + piece.length > this.maxLineBytes) {
      // Drop what is held and the rest of the line as it comes: memory stays at the cap.
      this.parts = [];
      this.bytes = 0;
      this.skipping = true;
      return;
    }
    // Not copied: a slice keeps its chunk alive only until the line ends.
    this.parts.push(piece);
    this.bytes += piece.length;
  }

  private endLine(): void {
    const line = this.line++;
    if (this.skipping) {
      this.skipping = false;
      this.tooLong.set(line, `the line is longer than ${this.maxLineBytes} bytes; it was not read (split the record, or check that the file has line breaks)`);
      this.out.push('\n');
      return;
    }
    const bytes = Buffer.concat(this.parts, this.bytes);
    this.parts = [];
    this.bytes = 0;
    let text: string;
    try {
      // Each line alone: in UTF-8 and the ASCII-compatible encodings a newline byte never sits
      // inside a character, so a sequence cut at a line's end is an error of that line.
      text = this.decoder.decode(bytes);
    } catch {
      throw new FileEncodingError(`line ${line}: ${encodingHint(this.encoding)}`);
    }
    this.out.push(`${text}\n`);
  }

  private pushOut(): void {
    if (this.out.length === 0) return;
    this.push(this.out.join(''));
    this.out = [];
  }
}

/**
 * Where a value holds U+0000, as a field path ("text", "author.name"), or undefined. Walks without
 * recursion: a row may nest thousands of levels deep (core/src/post.ts cuts such payloads later).
 */
export function nulProblem(value: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length) {
    const [item, path] = stack.pop()!;
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return `${path || 'the row'} contains a NUL character (U+0000)`;
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    for (const [key, child] of Object.entries(item).reverse()) {
      const where = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) return `the field name ${JSON.stringify(where)} contains a NUL character (U+0000)`;
      stack.push([child, where]);
    }
  }
  return undefined;
}
