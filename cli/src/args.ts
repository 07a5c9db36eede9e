import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with its errors turned into usage errors. */
export function parseCommandArgs<O extends Options>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/**
 * The analysis commands' form (analyze, eval, train, registry, confusion): only `--name value` or
 * `--name=value` among `known`, each with a non-empty value; the value may start with a dash.
 * The same tokenizer as parseCommandArgs, read loosely so these checks and messages are our own.
 */
export function parseOptions(args: readonly string[], known: readonly string[]): Map<string, string> {
  const options = Object.fromEntries(known.map((name) => [name, { type: 'string' as const }]));
  const { tokens } = parseArgs({ args: [...args], options, allowPositionals: true, strict: false, tokens: true });
  const out = new Map<string, string>();
  for (const token of tokens) {
    const raw = args[token.index]!;
    if (token.kind === 'option-terminator') throw new UsageError('unknown option --');
    if (token.kind === 'positional' || !raw.startsWith('--')) throw new UsageError(`unexpected argument "${raw}"`);
    if (!known.includes(token.name)) throw new UsageError(`unknown option --${token.name}`);
    if (token.value === undefined || token.value === '') throw new UsageError(`--${token.name} needs a value`);
    out.set(token.name, token.value);
  }
  return out;
}

export function positiveInteger(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive integer, got "${value}"`);
  return n;
}
