import { enabledSourceNames, sourcesOverview, type SourceState, SourceStateStore } from '@rift/ingest';
import { openRuntime } from '../runtime.ts';
import type { Command } from '../command.ts';

function ago(iso: string | null, now = Date.now()): string {
  if (!iso) return '-';
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  const span = Math.abs(seconds);
  const text = span < 120 ? `${span}s` : span < 7200 ? `${Math.round(span / 60)}m` : `${Math.round(span / 3600)}h`;
  return seconds >= 0 ? `${text} ago` : `in ${text}`;
}

function row(s: SourceState): string[] {
  const cursor = s.cursor ? (s.cursor.length > 24 ? `${s.cursor.slice(0, 21)}...` : s.cursor) : '-';
  return [s.name, s.healthy ? 'ok' : 'unhealthy', ago(s.last_run), cursor, String(s.posts_in), String(s.posts_out), String(s.errors), ago(s.next_run), s.last_error ?? ''];
}

const command: Command = {
  summary: "show each source's state: last run, cursor, posts in and out, errors, next run",
  usage: 'Usage: rift sources [--json]\n\nThe same data as GET /api/sources. Sources that never ran are listed as "never run".',
  async run(args) {
    const runtime = await openRuntime({ name: 'rift-sources' });
    try {
      const store = new SourceStateStore(runtime.redis, runtime.config.RIFT_QUEUE_PREFIX);
      const overview = await sourcesOverview(store, enabledSourceNames(runtime.sourcesConfig));
      if (args.includes('--json')) {
        console.log(JSON.stringify(overview));
        return 0;
      }
      const { sources: known, never_run: never } = overview;
      const header = ['source', 'health', 'last run', 'cursor', 'in', 'out', 'errors', 'next run', 'last error'];
      const rows = [header, ...known.map(row), ...never.map((name) => [name, 'never run', '-', '-', '0', '0', '0', '-', ''])];
      const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
      for (const r of rows) console.log(r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
    } finally {
      await runtime.close();
    }
    return 0;
  },
};

export default command;
