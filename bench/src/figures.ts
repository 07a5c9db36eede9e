/**
 * What every benchmark returns: figures, each the median of several runs, each printed beside
 * a peer measured in the same run (machines here are shared and noisy, so only ratios travel).
 */

export interface Target {
  /** `>=` when more is better (throughput, recall), `<=` when less is (latency). */
  op: '>=' | '<=';
  value: number;
}

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** What the same figure is for the peer, measured in the same run. */
  peer?: string;
  peer_value?: number;
  target?: Target;
  /** How many runs the median is of, or how it was taken. */
  runs?: string;
  /** Context, or the cause of a gap to the target. */
  note?: string;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile; 0 for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export function targetMet(figure: Figure): boolean | undefined {
  const t = figure.target;
  if (!t) return undefined;
  return t.op === '>=' ? figure.value >= t.value : figure.value <= t.value;
}

export function ratio(figure: Figure): number | undefined {
  return figure.peer_value ? figure.value / figure.peer_value : undefined;
}

/** Rounds to a readable precision: whole numbers from 100 up, three significant digits below. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  if (Math.abs(value) >= 100) return Math.round(value);
  return Number(value.toPrecision(3));
}

export function formatNumber(value: number): string {
  const r = round(value);
  return Math.abs(r) >= 1000 ? r.toLocaleString('en-US') : String(r);
}

/** One line of `--json` output: exactly the documented keys. */
export function jsonLine(figure: Figure): string {
  const out: Record<string, unknown> = { name: figure.name, value: round(figure.value), unit: figure.unit };
  if (figure.peer !== undefined) out.peer = figure.peer;
  if (figure.peer_value !== undefined) out.peer_value = round(figure.peer_value);
  return JSON.stringify(out);
}

/** One line of the human table. */
export function textLine(figure: Figure): string {
  const peer = figure.peer === undefined ? '' : `  vs ${figure.peer} ${formatNumber(figure.peer_value ?? 0)} (x${round(ratio(figure) ?? 0)})`;
  const met = targetMet(figure);
  const target = figure.target ? `  target ${figure.target.op} ${formatNumber(figure.target.value)}: ${met ? 'met' : 'NOT met'}` : '';
  return `${figure.name.padEnd(44)} ${formatNumber(figure.value).padStart(12)} ${figure.unit}${peer}${target}`;
}

/** Peak resident set (VmHWM) and current RSS of a process, in bytes, from /proc; undefined if gone. */
export async function processMemory(pid: number): Promise<{ peakRss: number; rss: number } | undefined> {
  const { readFile } = await import('node:fs/promises');
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { peakRss: kb('VmHWM'), rss: kb('VmRSS') };
  } catch {
    return undefined;
  }
}

export const MB = 1024 * 1024;

/** CPU seconds (user + system) a process has used so far, from /proc; its children are not counted. */
export async function processCpuSeconds(pid: number): Promise<number | undefined> {
  const { readFile } = await import('node:fs/promises');
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / CLOCK_TICKS_PER_S;
  } catch {
    return undefined;
  }
}

/** Linux's USER_HZ, 100 on every architecture Node supports. */
const CLOCK_TICKS_PER_S = 100;
