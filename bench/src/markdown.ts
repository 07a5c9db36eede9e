/** BENCHMARKS.md: the machine, the date, the commit and every figure of the latest run. */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '@rift/core';
import { formatNumber, ratio, round, targetMet, type Figure } from './figures.ts';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  clickhouse: string;
  commit: string;
  /** Load average when the run ended: the machine is shared. */
  load: string;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export async function describeMachine(clickhouseVersion: string): Promise<Machine> {
  const dirty = git(['status', '--porcelain']) ? ' (with uncommitted changes)' : '';
  return {
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: round(os.totalmem() / 2 ** 30),
    node: process.version,
    clickhouse: clickhouseVersion,
    commit: `${git(['rev-parse', '--short', 'HEAD'])}${dirty}`,
    load: os.loadavg().map((l) => l.toFixed(1)).join(', '),
  };
}

const cell = (s: string) => s.replaceAll('|', '\\|');

function row(f: Figure): string {
  const met = targetMet(f);
  const peer = f.peer === undefined ? '' : `${cell(f.peer)}: ${formatNumber(f.peer_value ?? 0)}`;
  const r = ratio(f);
  const target = f.target ? `${f.target.op} ${formatNumber(f.target.value)}` : '';
  const status = met === undefined ? '' : met ? 'met' : '**not met**';
  return `| ${f.name} | ${formatNumber(f.value)} ${f.unit} | ${peer} | ${r === undefined ? '' : `x${round(r)}`} | ${target} | ${status} | ${cell(f.runs ?? '')} |`;
}

export function renderBenchmarks(figures: readonly Figure[], machine: Machine, run: { quick: boolean; seconds: number; pending?: string[] }): string {
  const gaps = figures.filter((f) => targetMet(f) === false);
  const notes = figures.filter((f) => f.note && targetMet(f) !== false);
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench -- --write` (`rift bench`, sources in `bench/src/`). Every figure is a',
    'median of several runs and stands beside a peer measured in the same run, because this machine is',
    'shared: other engineers\' builds, tests and servers ran at the same time, so absolute figures are',
    'noisy and the ratios are the more reliable part. The bench starts its own Redis and ClickHouse',
    '(ports 6531 and 8531/9531, data in a temp folder) and stops them at the end.',
    '',
    `- Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${run.quick ? ' (**--quick** sizes)' : ''}; the run took ${Math.round(run.seconds)} s`,
    ...(run.pending?.length ? [`- **Partial**: still to run when this was written: ${run.pending.join(', ')}`] : []),
    `- Commit: ${machine.commit}`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB memory; load average at the end ${machine.load}`,
    `- Node.js ${machine.node}; ClickHouse ${machine.clickhouse}`,
    '',
    '| figure | value | peer (same run) | ratio | target | | runs |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...figures.map(row),
    '',
    '## Gaps to targets',
    '',
    ...(gaps.length === 0 ? ['Every target was met in this run.'] : gaps.map((f) => `- **${f.name}**: ${f.note ?? 'no cause recorded.'}`)),
    '',
    '## Notes',
    '',
    ...notes.map((f) => `- ${f.name}: ${f.note}`),
    '',
  ].join('\n');
}

export function writeBenchmarksFile(figures: readonly Figure[], machine: Machine, run: { quick: boolean; seconds: number; pending?: string[] }): string {
  const file = path.join(REPO_ROOT, 'BENCHMARKS.md');
  writeFileSync(file, renderBenchmarks(figures, machine, run));
  return file;
}
