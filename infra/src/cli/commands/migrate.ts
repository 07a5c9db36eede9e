import { Migrator } from '../../migrations.ts';
import { openRuntime } from '../../runtime.ts';
import { UsageError, type Command } from '../command.ts';

const command: Command = {
  summary: 'apply ClickHouse migrations (up), revert the latest (down), or list them (status)',
  usage: 'Usage: rift migrate [up|down|status]',
  async run(args) {
    const action = args[0] ?? 'up';
    if (!['up', 'down', 'status'].includes(action) || args.length > 1) throw new UsageError(`unknown action "${args.join(' ')}"`);
    const runtime = await openRuntime({ name: 'rift-migrate' });
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
