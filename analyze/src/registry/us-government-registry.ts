/**
 * The registry of US officials the actor classifier reads besides the pack's own: every
 * official account (Twitter/X, Mastodon, YouTube, Instagram, Facebook) and official website
 * domain of the current members of Congress and their committees, and the names of members,
 * the president and vice president in office, with their office. It is built from the public-domain
 * `unitedstates/congress-legislators` files by `rift registry build --from DIR`, so a user can
 * refresh it from newer copies; the built file ships in analyze/registries/.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { normalizeHandle, type RegistryPerson, type UsGovernmentRegistry } from './registry-file.ts';

export const SOURCE_FILES = ['legislators-current.yaml', 'legislators-social-media.yaml', 'committees-current.yaml', 'executive.yaml'] as const;

interface Term {
  type?: string;
  start?: string;
  end?: string;
  url?: string;
}
interface Legislator {
  id?: { bioguide?: string };
  name?: { first?: string; last?: string; official_full?: string };
  terms?: Term[];
}
interface Social {
  id?: { bioguide?: string };
  social?: Record<string, string | number | undefined>;
}
interface Committee {
  url?: string;
  minority_url?: string;
  twitter?: string;
  youtube?: string;
  subcommittees?: Committee[];
}

const SOCIAL_KEYS = ['twitter', 'mastodon', 'youtube', 'instagram', 'facebook'];

function readYaml<T>(dir: string, file: string): T[] {
  const full = path.join(dir, file);
  if (!existsSync(full)) throw new Error(`${full} not found: --from must name a folder with ${SOURCE_FILES.join(', ')}`);
  const parsed: unknown = parse(readFileSync(full, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${full}: expected a YAML list at the top level`);
  return parsed as T[];
}

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** `today` decides which presidents and vice presidents are in office (YYYY-MM-DD). */
export function buildRegistry(dir: string, today = new Date().toISOString().slice(0, 10)): UsGovernmentRegistry {
  const legislators = readYaml<Legislator>(dir, 'legislators-current.yaml');
  const socials = readYaml<Social>(dir, 'legislators-social-media.yaml');
  const committees = readYaml<Committee>(dir, 'committees-current.yaml');
  const executives = readYaml<Legislator>(dir, 'executive.yaml');
  const handles = new Set<string>();
  const domains = new Set<string>();
  const people: RegistryPerson[] = [];

  for (const member of legislators) {
    const last = member.terms?.at(-1);
    const host = hostOf(last?.url);
    if (host) domains.add(host);
    const names = nameForms(member);
    if (names.length) people.push({ names, office: last?.type === 'sen' ? 'senator' : 'representative' });
  }
  for (const entry of socials) {
    for (const key of SOCIAL_KEYS) {
      const value = entry.social?.[key];
      // Numeric page ids (Facebook) are not handles anyone writes; skip them.
      if (typeof value === 'string' && value.trim() && !/^\d+$/.test(value.trim())) handles.add(normalizeHandle(value));
    }
  }
  const visit = (committee: Committee): void => {
    for (const url of [committee.url, committee.minority_url]) {
      const host = hostOf(url);
      if (host) domains.add(host);
    }
    for (const handle of [committee.twitter, committee.youtube]) if (handle) handles.add(normalizeHandle(handle));
    committee.subcommittees?.forEach(visit);
  };
  committees.forEach(visit);
  let executiveCount = 0;
  for (const person of executives) {
    // Only those in office: a former president's name beside "president" is not an official speaking.
    const recent = (person.terms ?? []).filter((t) => (t.start ?? '') <= today && (t.end ?? '9999') >= today);
    const term = recent.at(-1);
    const names = nameForms(person);
    if (!term || !names.length) continue;
    executiveCount++;
    people.push({ names, office: term.type === 'viceprez' ? 'vice president' : 'president' });
  }
  const sortedHandles = [...handles].sort();
  const sortedDomains = [...domains].sort();
  return {
    built_from: SOURCE_FILES.join(', '),
    as_of: today,
    handles: sortedHandles,
    domains: sortedDomains,
    people: people.sort((a, b) => a.names[0]!.localeCompare(b.names[0]!)),
    counts: { members: legislators.length, committees: committees.length, handles: sortedHandles.length, domains: sortedDomains.length, executives: executiveCount },
  };
}

function nameForms(person: Legislator): string[] {
  const plain = [person.name?.first, person.name?.last].filter(Boolean).join(' ');
  const full = person.name?.official_full;
  return [...new Set([full, plain].filter((n): n is string => !!n && n.includes(' ')))];
}
