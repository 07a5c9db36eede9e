import { AUDITED_OBJECTS, listAudit, type AuditedObject } from '@rift/core';
import { openRuntime } from '../runtime.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type Command } from '../command.ts';

const command: Command = {
  summary: 'who created, changed or deleted keys, rules, views, validation runs and posts, and when',
  usage: [
    `Usage: rift audit [--type ${AUDITED_OBJECTS.join('|')}] [--limit N] [--json]`,
    '',
    'Newest first. The actor is "key:ID" for an API request made with that key, "cli" for a command.',
  ].join('\n'),
  async run(args) {
    const { values } = parseCommandArgs(args, { type: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } });
    if (values.type !== undefined && !(AUDITED_OBJECTS as readonly string[]).includes(values.type)) throw new UsageError(`--type must be one of: ${AUDITED_OBJECTS.join(', ')}`);
    const limit = values.limit === undefined ? 100 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1_000_000) throw new UsageError('--limit must be a whole number from 1');
    const runtime = await openRuntime({ name: 'rift-audit', migrate: true });
    try {
      for (const e of await listAudit(runtime.clickhouse, { limit, type: values.type as AuditedObject | undefined })) {
        console.log(values.json ? JSON.stringify(e) : [e.at, e.actor.padEnd(17), e.action.padEnd(7), e.object_type.padEnd(10), e.object_id, JSON.stringify(e.detail)].join('  '));
      }
      return 0;
    } finally {
      await runtime.close();
    }
  },
};

export default command;
