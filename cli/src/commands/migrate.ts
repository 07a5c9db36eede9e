import { Migrator } from '@rift/infra';
import { openRuntime } from '../runtime.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type Command } from '../command.ts';

const command: Command = {
  summary: 'apply ClickHouse migrations (up), revert the latest (down), or list them (status)',
  usage:
    'Usage: rift migrate [up|down|status] [--cluster NAME]\n\n' +
    '--cluster NAME applies the cluster variant of every migration (replicated tables, Distributed tables\n' +
    'with the single-node names, ON CLUSTER NAME) through the server at CLICKHOUSE_URL; CLICKHOUSE_CLUSTER\n' +
    'names the cluster for every other command.',
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { cluster: { type: 'string' } }, true);
    const action = positionals[0] ?? 'up';
    if (!['up', 'down', 'status'].includes(action) || positionals.length > 1) throw new UsageError(`unknown action "${positionals.join(' ')}"`);
    if (values.cluster !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(values.cluster)) {
      throw new UsageError(`--cluster takes the cluster's name from remote_servers, got "${values.cluster}"`);
    }
    const runtime = await openRuntime({ name: 'rift-migrate', ...(values.cluster ? { cluster: values.cluster } : {}) });
    const migrator = new Migrator(runtime.clickhouse);
    try {
      if (action === 'up') {
        const applied = await migrator.up();
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
      } else if (action === 'down') {
        console.log(`reverted: ${(await migrator.down()) ?? 'nothing (no migration applied)'}`);
      } else {
        for (const row of await migrator.applied()) console.log(`${String(row.version).padStart(3, '0')}_${row.name}  ${row.checksum}`);
      }
    } finally {
      await migrator.close();
      await runtime.close();
    }
    return 0;
  },
};

export default command;
