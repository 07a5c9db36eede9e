import { BackupError, restore } from '@rift/infra';
import { openRuntime } from '../runtime.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type Command } from '../command.ts';

const command: Command = {
  summary: 'load a backup made by rift backup into an empty database and Redis',
  usage: [
    'Usage: rift restore --from DIR',
    '',
    'The database (CLICKHOUSE_DB) is migrated first and must hold no data; the rollups are rebuilt',
    'from the restored posts as they are inserted. Stop the workers while it runs.',
  ].join('\n'),
  async run(args) {
    const { values } = parseCommandArgs(args, { from: { type: 'string' } });
    if (!values.from) throw new UsageError('--from DIR is required');
    const runtime = await openRuntime({ name: 'rift-restore', migrate: true });
    try {
      const manifest = await restore(runtime.clickhouse, runtime.redis, runtime.config.RIFT_QUEUE_PREFIX, values.from);
      console.log(`restored the backup of ${manifest.created_at}: ${Object.keys(manifest.tables).length} tables, ${manifest.redis_keys} Redis keys`);
      return 0;
    } catch (err) {
      if (err instanceof BackupError) throw new UsageError(err.message);
      throw err;
    } finally {
      await runtime.close();
    }
  },
};

export default command;
