import type { Command } from './command.ts';
import { UsageError } from './command.ts';

/** Every sub-command, loaded only when called so that `rift help` starts fast. */
export const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
  start: () => import('./commands/start.ts'),
  services: () => import('./commands/services.ts'),
  migrate: () => import('./commands/migrate.ts'),
  worker: () => import('./commands/worker.ts'),
  serve: () => import('./commands/serve.ts'),
  demo: () => import('./commands/demo.ts'),
  import: () => import('./commands/import.ts'),
  dlq: () => import('./commands/dlq.ts'),
  keys: () => import('./commands/keys.ts'),
  export: () => import('./commands/export.ts'),
  sample: () => import('./commands/sample.ts'),
  validate: () => import('./commands/validate.ts'),
  rescore: () => import('./commands/rescore.ts'),
  rollups: () => import('./commands/rollups.ts'),
  forget: () => import('./commands/forget.ts'),
  backup: () => import('./commands/backup.ts'),
  restore: () => import('./commands/restore.ts'),
  audit: () => import('./commands/audit.ts'),
  sources: () => import('./commands/sources.ts'),
  backfill: () => import('./commands/backfill.ts'),
  bench: () => import('./commands/bench.ts'),
  pack: () => import('./commands/pack.ts'),
  analyze: () => import('./commands/analyze-file.ts'),
  eval: () => import('./commands/eval.ts'),
  train: () => import('./commands/train.ts'),
  registry: () => import('./commands/registry.ts'),
  confusion: () => import('./commands/confusion.ts'),
};

async function help(): Promise<void> {
  const lines = ['Usage: rift <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    const { default: command } = await load();
    lines.push(`  ${name.padEnd(10)} ${command.summary}`);
  }
  lines.push('', 'rift help <command> shows the options of one command.');
  console.log(lines.join('\n'));
}

/** Runs one `rift` invocation and returns its exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const topic = args[0];
    if (topic && COMMANDS[topic]) console.log((await COMMANDS[topic]()).default.usage);
    else await help();
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    console.error(`rift: unknown command "${name}". Run "rift help" for the list.`);
    return 2;
  }
  const { default: command } = await load();
  // Asking for help is never a mistake: the usage, exit 0, before any option is parsed.
  if (args.includes('--help') || args.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(args);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`rift ${name}: ${err.message}\n\n${command.usage}`);
      return 2;
    }
    throw err;
  }
}
