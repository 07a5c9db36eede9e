import { loadTopicPack } from '@rift/core';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type Command } from '../command.ts';

/** What a pack check reports beside "valid": the counts a pack author wants to see at a glance. */
function describePack(file: string): string {
  const pack = loadTopicPack(file);
  const cues = pack.stance_cues.oppose_ban.length + pack.stance_cues.support_ban.length;
  const registry = Object.keys(pack.actor_registry.handles).length + Object.keys(pack.actor_registry.domains).length;
  return [
    `${file}: valid topic pack ${pack.id}@${pack.version} ("${pack.title}")`,
    `  ${pack.relevance_terms.length} relevance terms, ${cues} stance cues (${pack.stance_cues.oppose_ban.length} oppose, ${pack.stance_cues.support_ban.length} support),`,
    `  ${Object.keys(pack.topics).length} topics, ${registry} actor registry entries, ${pack.events.length} events,`,
    pack.period
      ? `  period ${pack.period.from} to ${pack.period.to} (the dashboard's default window)`
      : '  no period (the dashboard opens on the last months of stored data)',
  ].join('\n');
}

const command: Command = {
  summary: 'check a topic pack file against the schema (see docs/topic-packs.md)',
  usage: [
    'Usage: rift pack check FILE',
    '',
    'Reads FILE as a topic pack and lists every field that does not fit the schema (exit 1),',
    'or says what the pack holds (exit 0). Use it with RIFT_TOPIC_PACK=FILE to run Rift on the pack.',
  ].join('\n'),
  async run(args) {
    const { positionals } = parseCommandArgs(args, {}, true);
    const [action, file, ...rest] = positionals;
    if (action !== 'check' || !file || rest.length) throw new UsageError('expected: rift pack check FILE');
    try {
      console.log(describePack(file));
      return 0;
    } catch (err) {
      console.error(`rift pack: ${(err as Error).message}`);
      return 1;
    }
  },
};

export default command;
