/**
 * The actor classifier is rules and registries, not weights, but it is measured the same way:
 * `rift train` scores the labelled statements with each speaker's name and role as the author
 * profile, and writes analyze/models/actor-metrics.json and MODEL_CARD_ACTOR.md.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TopicPack } from '@rift/core';
import { loadRegistry } from '../../registry/registry-file.ts';
import { ActorClassifier } from '../actor.ts';
import { ConfusionCounter, type Metrics } from '../metrics.ts';

export interface SpokenStatement {
  speaker: string;
  actor: string;
  lang: string;
}

export interface ActorFigures extends Metrics {
  by_language: Record<string, Metrics>;
}

export function measureActor(pack: TopicPack, rows: readonly SpokenStatement[]): ActorFigures {
  const classifier = new ActorClassifier(pack);
  const all = new ConfusionCounter();
  const byLang = new Map<string, ConfusionCounter>();
  for (const row of rows) {
    const predicted = classifier.classify({ name: row.speaker }).label;
    all.add(row.actor, predicted);
    if (!byLang.has(row.lang)) byLang.set(row.lang, new ConfusionCounter());
    byLang.get(row.lang)!.add(row.actor, predicted);
  }
  return { ...all.metrics(), by_language: Object.fromEntries([...byLang].sort().map(([l, c]) => [l, c.metrics()])) };
}

export function writeActorArtefacts(dir: string, pack: TopicPack, figures: { train: ActorFigures; val: ActorFigures }, files: { train: string; val: string }, date: string): void {
  writeFileSync(path.join(dir, 'actor-metrics.json'), JSON.stringify({ pack: `${pack.id}@${pack.version}`, ...figures }, null, 2) + '\n');
  const registry = loadRegistry();
  const langs = [...new Set([...Object.keys(figures.train.by_language), ...Object.keys(figures.val.by_language)])].sort();
  const line = (name: string, t: Metrics | undefined, v: Metrics | undefined): string =>
    `| ${name} | ${t?.macro_f1 ?? 'n/a'} | ${t?.accuracy ?? 'n/a'} | ${t?.n ?? 0} | ${v?.macro_f1 ?? 'n/a'} | ${v?.accuracy ?? 'n/a'} | ${v?.n ?? 0} |`;
  const card = [
    '# Model card: actor class',
    '',
    `Measured ${date} by \`rift train\` for the topic pack \`${pack.id}@${pack.version}\`. Written by the training command.`,
    '',
    '## What it does',
    'Labels who speaks: `public`, `us_government`, `foreign_government`, `media` or `company`, from the author alone',
    '(handle, verified domain, name, description), never from the text.',
    '',
    '## Method',
    '1. Registries: an exact handle, then a verified domain or a handle that is a domain, and its parent domains. The',
    "   pack's own registry wins over the built registry of US officials"
      + (registry
        ? ` (analyze/registries/us-government.json: ${registry.counts.handles} official handles and ${registry.counts.domains} official website domains of ${registry.counts.members} members of Congress and ${registry.counts.committees} committees, and the names of members and the ${registry.counts.executives} executives in office; built by \`rift registry build --from DIR\` from the public-domain congress-legislators files).`
        : ' (not built: run `rift registry build --from DIR`).'),
    '2. Profile: the attribution a page adds ("as reported by", "via", "to the New York Times") is dropped; brackets',
    '   count only for the kind of speech they name ("(editorial)", "(statement)"). Offices and outlets score 2 for',
    '   their class, roles of the public (user, student, professor, advocacy group) 1.5, a company name 1 plus 1 with',
    '   a role (spokesperson, CEO, statement) beside it; an office after "former" does not count; a party tag such as',
    '   "(R-MO)" is an office; a registry name counts only beside an office word, so namesakes stay public; a state',
    "   outlet's editors count for the state; another country's office (\"Chinese Ambassador\", \"EU Commissioner\") is a",
    '   foreign government\'s; right after a company\'s name a government title is a company role ("Microsoft President")',
    '   and a media one a user of its platform ("RedNote blogger"). The highest score wins; below 1, or nothing, is `public`.',
    '',
    '## Figures',
    `Macro-F1 on the labelled statements (\`${files.train}\`, \`${files.val}\`), each speaker's name and role as the profile.`,
    '',
    '| slice | train macro-F1 | train accuracy | train n | val macro-F1 | val accuracy | val n |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    line('all', figures.train, figures.val),
    ...langs.map((l) => line(l, figures.train.by_language[l], figures.val.by_language[l])),
    '',
    '## Limits',
    '- The cue lists were written while reading the speakers of the training and validation statements, so these',
    '  figures are optimistic: they measure fit, not performance on speakers phrased differently.',
    '- Speaker strings from news pages name an office; real profiles often do not. A profile without an office, an',
    '  outlet or a registry entry is `public`.',
    '- The built registry holds current members of Congress only; past members, state officials and agencies come',
    "  from the pack's registry and the office words.",
    '',
  ].join('\n');
  writeFileSync(path.join(dir, 'MODEL_CARD_ACTOR.md'), card);
}
