import { ApiKeyStore, isRole, KeyStoreError, ROLES } from '@rift/api';
import { openRuntime } from '../runtime.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type Command } from '../command.ts';

const USAGE = [
  'Usage: rift keys create --role viewer|analyst|admin --name NAME',
  '                               prints the new key alone on the last line; it is never shown again',
  '       rift keys list [--json]  id, role, name, created, revoked (never a key or its hash)',
  '       rift keys revoke ID      the key stops working within 10 seconds',
  '',
  'Requests send the key as "Authorization: Bearer KEY". viewer reads, analyst also runs',
  'alerts and exports, admin also manages sources and keys.',
].join('\n');

const command: Command = {
  summary: 'create, list or revoke API keys (roles viewer, analyst, admin)',
  usage: USAGE,
  async run(args) {
    const [action, ...rest] = args;
    if (action === 'create') {
      const { values } = parseCommandArgs(rest, { role: { type: 'string' }, name: { type: 'string' } });
      if (!isRole(values.role)) throw new UsageError(`--role must be one of: ${ROLES.join(', ')}`);
      if (!values.name?.trim()) throw new UsageError('--name is required: say who or what the key is for');
      const role = values.role;
      const name = values.name;
      return withStore(async (store) => {
        const { key, info } = await store.create(role, name);
        console.log(`Created ${info.role} key ${info.id} ("${info.name}"). Store it now; it is not shown again:`);
        console.log(key);
      });
    }
    if (action === 'list') {
      const { values } = parseCommandArgs(rest, { json: { type: 'boolean' } });
      return withStore(async (store) => {
        const keys = await store.list();
        if (values.json) {
          for (const k of keys) console.log(JSON.stringify(k));
          return;
        }
        if (keys.length === 0) console.log('no API keys; create one with: rift keys create --role viewer --name NAME');
        for (const k of keys) {
          console.log([k.id, k.role.padEnd(7), k.created_at, k.revoked ? 'revoked' : 'active ', k.name].join('  '));
        }
      });
    }
    if (action === 'revoke') {
      const { positionals } = parseCommandArgs(rest, {}, true);
      const id = positionals[0];
      if (!id || positionals.length > 1 || !/^[0-9a-f]{12}$/.test(id)) throw new UsageError('expected one key id (12 hex digits, as in rift keys list)');
      let found = false;
      const code = await withStore(async (store) => {
        found = await store.revoke(id);
        console.log(found ? `revoked key ${id}` : `no key ${id}`);
      });
      return found ? code : 1;
    }
    throw new UsageError('expected create, list or revoke');
  },
};

/** Opens the runtime (applying migrations, so the keys table exists), runs, and closes. */
async function withStore(work: (store: ApiKeyStore) => Promise<void>): Promise<number> {
  const runtime = await openRuntime({ name: 'rift-keys', migrate: true });
  try {
    await work(new ApiKeyStore(runtime.clickhouse));
    return 0;
  } catch (err) {
    if (err instanceof KeyStoreError) throw new UsageError(err.message);
    throw err;
  } finally {
    await runtime.close();
  }
}

export default command;
