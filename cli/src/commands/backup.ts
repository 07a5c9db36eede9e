import { backup, BackupError } from '@rift/infra';
import { openRuntime } from '../runtime.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type Command } from '../command.ts';

const command: Command = {
  summary: 'write every table and the Redis state that matters (cursors, seen ids, dead letters) to a folder',
  usage: [
    'Usage: rift backup --to DIR',
    '',
    'DIR gets manifest.json, tables/NAME.native.gz (ClickHouse Native format) and redis.jsonl.gz.',
    'Stored posts are read in one snapshot; the rollups are rebuilt from them by rift restore.',
    'Batches still on the queue are not included: let the queue drain first for a complete copy.',
  ].join('\n'),
  async run(args) {
    const { values } = parseCommandArgs(args, { to: { type: 'string' } });
    if (!values.to) throw new UsageError('--to DIR is required');
    const runtime = await openRuntime({ name: 'rift-backup', migrate: false });
    try {
      const manifest = await backup(runtime.clickhouse, runtime.redis, runtime.config.RIFT_QUEUE_PREFIX, values.to);
      const tables = Object.entries(manifest.tables).map(([name, rows]) => `${name} ${rows}`);
      console.log(`backed up to ${values.to}: ${tables.join(', ')}; ${manifest.redis_keys} Redis keys`);
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
