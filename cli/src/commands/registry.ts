/**
 * `rift registry build --from DIR [--out FILE]`: rebuilds the registry of US officials that the
 * actor classifier reads (analyze/registries/us-government.json) from a copy of the
 * congress-legislators files, so a user can refresh it when Congress changes.
 */
import path from 'node:path';
import { buildRegistry, REGISTRY_FILE, SOURCE_FILES, writeRegistry } from '@rift/analyze';
import { parseOptions } from '../args.ts';
import { UsageError, type Command } from '../command.ts';

const command: Command = {
  summary: 'Rebuild the registry of US officials (handles, official domains, names) from congress-legislators files',
  usage: [
    'Usage: rift registry build --from DIR [--out FILE]',
    '',
    `--from  folder holding ${SOURCE_FILES.join(', ')}`,
    '        (the unitedstates/congress-legislators project; ../shared/data/registries in this checkout)',
    `--out   file to write (default ${path.relative(process.cwd(), REGISTRY_FILE)})`,
  ].join('\n'),
  async run(args) {
    const [action, ...rest] = args;
    if (action !== 'build') throw new UsageError(action ? `unknown action "${action}"` : 'an action is required');
    const opts = parseOptions(rest, ['from', 'out']);
    const from = opts.get('from');
    if (!from) throw new UsageError('--from DIR is required');
    const out = path.resolve(opts.get('out') ?? REGISTRY_FILE);
    let registry;
    try {
      registry = buildRegistry(path.resolve(from));
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    writeRegistry(registry, out);
    const c = registry.counts;
    console.log(`wrote ${out}: ${c.members} members, ${c.committees} committees, ${c.executives} executives in office; ${c.handles} handles, ${c.domains} domains`);
    return 0;
  },
};

export default command;
