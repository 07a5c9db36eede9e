import { ForgetError, forgetPosts, type ForgetTarget, listTombstones } from '@rift/core';
import { openRuntime } from '../runtime.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type Command } from '../command.ts';

const USAGE = [
  'Usage: rift forget --source S --id ID     one post',
  '       rift forget --author HANDLE [--source S]   every post of an author (in one source, or all)',
  '       rift forget --source S             every post of a source',
  '       rift forget --list [--json]        what was forgotten, when, by whom, how many posts',
  '',
  'The posts leave posts_v1 and every rollup; a tombstone keeps a later import or poll from',
  'storing them again. There is no undo: back up first (rift backup) if you may need them.',
].join('\n');

function targetOf(values: { source?: string; id?: string; author?: string }): ForgetTarget {
  if (values.author !== undefined) {
    if (values.id !== undefined) throw new UsageError('--id goes with --source, not with --author');
    return { kind: 'author', handle: values.author, source: values.source };
  }
  if (values.source === undefined) throw new UsageError('give --source S [--id ID] or --author HANDLE');
  return values.id !== undefined ? { kind: 'post', source: values.source, id: values.id } : { kind: 'source', source: values.source };
}

const command: Command = {
  summary: 'delete posts (one, an author, a source) from every table, for good',
  usage: USAGE,
  async run(args) {
    const { values } = parseCommandArgs(args, { source: { type: 'string' }, id: { type: 'string' }, author: { type: 'string' }, list: { type: 'boolean' }, json: { type: 'boolean' } });
    const target = values.list ? undefined : targetOf(values);
    const runtime = await openRuntime({ name: 'rift-forget', migrate: true });
    try {
      if (!target) {
        for (const t of await listTombstones(runtime.clickhouse)) {
          if (values.json) console.log(JSON.stringify(t));
          else console.log([t.forgotten_at, t.kind.padEnd(6), `source=${t.source || '*'}`, t.id && `id=${t.id}`, t.author_handle && `author=${t.author_handle}`, `${t.posts} posts`, `by ${t.actor}`].filter(Boolean).join('  '));
        }
        return 0;
      }
      const { posts } = await forgetPosts(runtime.clickhouse, target, 'cli');
      console.log(`forgot ${posts} stored post${posts === 1 ? '' : 's'}; a tombstone keeps them from coming back`);
      return 0;
    } catch (err) {
      if (err instanceof ForgetError) throw new UsageError(err.message);
      throw err;
    } finally {
      await runtime.close();
    }
  },
};

export default command;
