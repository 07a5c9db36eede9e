/**
 * Actor class: who speaks. Decided, in order, by
 * 1. the registries: an exact handle, then a verified domain (or a handle that is itself a
 *    domain, as on Bluesky) and its parent domains, in the pack's registry merged with the
 *    registry of US officials built from congress-legislators (analyze/registries/);
 * 2. the profile (name and description): cue phrases scored per class, after dropping the
 *    attribution a page adds ("as reported by Xinhua", "to the New York Times", "via HK01"),
 *    which names who relayed the words, not who spoke them.
 *
 * Profile scoring: an office or outlet cue ("Sen.", "attorney general", "foreign ministry
 * spokesperson", "columnist", "Global Times") counts 2, a role for the public ("TikTok user",
 * "student", "professor", "advocacy group") 1.5, and a company's name counts 1, plus 1 when a
 * role such as spokesperson, CEO or statement makes it speak for the company. An office right
 * after "former" or "ex-" does not count. A party tag such as "(R-MO)" is an office. A
 * registry name ("Josh Hawley") adds 1 only beside an office word, so namesakes stay public.
 */
import type { ActorClass, TopicPack } from '@rift/core';
import type { AnalyzerInput } from '../analyzer.ts';
import { loadRegistry, normalizeHandle, type UsGovernmentRegistry } from '../registry/registry-file.ts';
import { PhraseIndex, type PhraseHit } from './phrase-index.ts';
import { Kind, tokenize, type TokenizedText } from './tokenize.ts';

export interface ActorResult {
  label: ActorClass;
  confidence: number;
}

const PUBLIC: ActorResult = { label: 'public', confidence: 0.6 };
const CACHE_SIZE = 20_000;
/** Hosts where anyone gets a handle: their domain says nothing about the author. */
const SHARED_HOSTS = ['bsky.social', 'mastodon.social', 'reddit.com', 'twitter.com', 'x.com'];
/** On a tie, the rarer and more specific class wins. */
const TIE_ORDER: ActorClass[] = ['foreign_government', 'us_government', 'company', 'media', 'public'];
const OFFICE_WEIGHT = 2;
const PUBLIC_ROLE_WEIGHT = 1.5;
const FORMER = new Set(['former', 'ex', 'ex-', 'retired', 'onetime', 'erstwhile', '前', '前任']);
const PARTY_TAG = /\((?:R|D|I)-?\s?[A-Z]{2}(?:-\d+)?\)|\((?:R|D|I)\)|\b(?:R|D)-[A-Z]{2}\b/;
/** Attribution added by the page that quoted the speaker: dropped up to the closing bracket or the end. */
const ATTRIBUTION = [
  /\b(?:as\s+)?(?:reported|quoted|translated|summari[sz]ed|cited|republished|reposted|relayed|rendered)\b(?:\s+(?:by|in|on|via))?[^)]*/gi,
  /\bvia\b[^),]*/gi,
  /\baccording to\b[^),]*/gi,
  /\b(?:told|to)\s+(?:the\s+|a\s+|foreign\s+)?(?:[A-Z][\w'’.&-]*|reporters|journalists)[^),]*/g,
  /\b(?:in|on|during)\s+(?:an?\s+)?interview\s+with\b[^),]*/gi,
  /\(\s*mirror(?:ed)?\s*\)/gi,
  /(?:据|转引自|转载自|引自)[^)）,，]*/g,
];

type CueKind = 'office' | 'public_role' | 'entity' | 'role' | 'speech';
/** Words that make a registry name an official speaking rather than a namesake. */
const NAME_CONTEXT = new Set(['president', 'presidential', 'vice', 'senator', 'sen', 'rep', 'congressman', 'congresswoman', 'candidate', 'nominee', 'governor', 'gov', 'lawmaker', 'speaker']);

interface Cue {
  kind: CueKind;
  cls: ActorClass | null;
}

export class ActorClassifier {
  private readonly handles = new Map<string, ActorClass>();
  private readonly domains = new Map<string, ActorClass>();
  private readonly cues: PhraseIndex;
  private readonly cueInfo: Cue[] = [];
  private readonly speech: PhraseIndex;
  private readonly speechClasses: ActorClass[] = [];
  private readonly names: PhraseIndex;
  /** Authors post many times; remembering their class skips re-reading the same profile. */
  private readonly cache = new Map<string, ActorResult>();

  constructor(pack: TopicPack, registry: UsGovernmentRegistry | null = loadRegistry()) {
    const reg = pack.actor_registry;
    for (const handle of registry?.handles ?? []) this.handles.set(normalizeHandle(handle), 'us_government');
    for (const domain of registry?.domains ?? []) this.domains.set(domain, 'us_government');
    // The pack's entries are the user's own edits: they win over the built registry.
    for (const [h, c] of Object.entries(reg.handles)) this.handles.set(normalizeHandle(h), c);
    for (const [d, c] of Object.entries(reg.domains)) this.domains.set(d.toLowerCase().replace(/^\.+/, ''), c);

    const phrases: string[] = [];
    const add = (phrase: string, cue: Cue): void => {
      // Profiles lose their possessive 's before matching ("People's Daily" -> "People Daily"), so cues do too.
      phrases.push(dropPossessive(phrase));
      this.cueInfo.push(cue);
    };
    for (const [cls, list] of Object.entries(reg.profile_cues) as [ActorClass, string[]][]) {
      for (const phrase of list) add(phrase, { kind: cls === 'public' ? 'public_role' : 'office', cls });
    }
    for (const [cls, list] of Object.entries(reg.entities) as [ActorClass, string[]][]) {
      for (const phrase of list) add(phrase, { kind: 'entity', cls });
    }
    for (const phrase of reg.roles) add(phrase, { kind: 'role', cls: null });
    this.cues = new PhraseIndex(phrases);
    const speech: string[] = [];
    for (const [cls, list] of Object.entries(reg.speech_kinds) as [ActorClass, string[]][]) {
      for (const phrase of list) {
        speech.push(phrase);
        this.speechClasses.push(cls);
      }
    }
    this.speech = new PhraseIndex(speech);
    this.names = new PhraseIndex((registry?.people ?? []).flatMap((p) => p.names));
  }

  classify(author: AnalyzerInput['author']): ActorResult {
    if (!author) return PUBLIC;
    const key = `${author.handle ?? ''}\u0000${author.verified_domain ?? ''}\u0000${author.name ?? ''}\u0000${author.description ?? ''}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const result = this.classifyUncached(author);
    if (this.cache.size >= CACHE_SIZE) this.cache.clear();
    this.cache.set(key, result);
    return result;
  }

  private classifyUncached(author: NonNullable<AnalyzerInput['author']>): ActorResult {
    const handle = author.handle ? normalizeHandle(author.handle) : '';
    if (handle) {
      const known = this.handles.get(handle);
      if (known) return { label: known, confidence: 0.97 };
    }
    if (author.verified_domain) {
      const byDomain = this.lookupDomain(author.verified_domain.toLowerCase());
      if (byDomain) return { label: byDomain, confidence: 0.95 };
    }
    // A handle with dots is a domain the platform checked (Bluesky), unless it is a shared host.
    if (handle.includes('.') && !SHARED_HOSTS.some((h) => handle === h || handle.endsWith('.' + h))) {
      const byDomain = this.lookupDomain(handle);
      if (byDomain) return { label: byDomain, confidence: 0.9 };
      if (handle.endsWith('.gov')) return { label: 'us_government', confidence: 0.9 };
    }
    const profile = [author.name, author.description].filter(Boolean).join(' . ');
    return profile.length > 2 ? this.fromProfile(profile) : PUBLIC;
  }

  private fromProfile(raw: string): ActorResult {
    const scores = new Map<ActorClass, number>();
    const bump = (cls: ActorClass, by: number): void => void scores.set(cls, (scores.get(cls) ?? 0) + by);
    const partyTag = PARTY_TAG.test(raw);
    if (partyTag) bump('us_government', OFFICE_WEIGHT);
    const cleaned = dropPossessive(stripAttribution(raw));
    // Brackets describe the occasion ("(Supreme Court oral argument)", "(Reuters video)"); only
    // the kind of speech they name ("(editorial)", "(statement)") says something about the speaker.
    const bracketed = [...cleaned.matchAll(/[(（]([^)）]*)[)）]/g)].map((m) => m[1]).join(' . ');
    if (bracketed.trim()) this.speech.scan(tokenize(bracketed), (hit) => bump(this.speechClasses[hit.id]!, 1));
    const doc = tokenize(cleaned.replace(/[(（][^)）]*[)）]/g, ' . '));
    const hits: { cue: Cue; hit: PhraseHit }[] = [];
    const seen = new Set<number>();
    this.cues.scan(doc, (hit) => {
      if (seen.has(hit.id)) return;
      seen.add(hit.id);
      hits.push({ cue: this.cueInfo[hit.id]!, hit: { ...hit } });
    });
    const publicRoleAt = new Set(hits.filter((h) => h.cue.kind === 'public_role').map((h) => h.hit.start));
    // Right after a company's name, a government title is a role in the company ("Microsoft
    // President Brad Smith", "Xiaohongshu official account") and a media one names a user of its
    // platform ("RedNote blogger").
    const companyEnds = new Set(hits.filter((h) => h.cue.kind === 'entity' && h.cue.cls === 'company' && h.hit.end >= 0).map((h) => h.hit.end));
    const inCompany = (h: { cue: Cue; hit: PhraseHit }): boolean => h.cue.kind === 'office' && h.hit.start >= 0 && companyEnds.has(h.hit.start);
    const role = hits.some((h) => (h.cue.kind === 'role' || (inCompany(h) && h.cue.cls === 'us_government')) && !afterFormer(doc, h.hit));
    const entities = new Map<ActorClass, number>();
    for (const h of hits) {
      const { cue, hit } = h;
      if (inCompany(h)) {
        if (cue.cls === 'media') bump('public', PUBLIC_ROLE_WEIGHT);
        if (cue.cls === 'media' || cue.cls === 'us_government') continue;
      }
      // "Chinese Ambassador", "EU Commissioner": another country's office is a foreign government's.
      if (cue.kind === 'office' && cue.cls === 'us_government' && !afterFormer(doc, hit) && afterForeignQualifier(doc, hit)) bump('foreign_government', OFFICE_WEIGHT);
      else if (cue.kind === 'office' && !afterFormer(doc, hit)) bump(cue.cls!, OFFICE_WEIGHT);
      else if (cue.kind === 'public_role') bump('public', PUBLIC_ROLE_WEIGHT);
      // "TikTok user", "RedNote blogger": the name qualifies a member of the public.
      else if (cue.kind === 'entity' && !(hit.end >= 0 && (publicRoleAt.has(hit.end) || publicRoleAt.has(hit.end + 1)))) {
        entities.set(cue.cls!, Math.min(2, (entities.get(cue.cls!) ?? 0) + 1));
      }
    }
    // Countries are context; a company's name speaks for the company with a role beside it.
    for (const [cls, count] of entities) bump(cls, cls === 'company' ? count + (role ? 1 : 0) : count / 2);
    let nameContext = false;
    for (let i = 0; i < doc.length; i++) if (NAME_CONTEXT.has(doc.tokens[i]!)) nameContext = true;
    if (nameContext || partyTag) {
      let named = false;
      this.names.scan(doc, (hit) => {
        const next = doc.tokens[hit.end];
        if (next !== 'jr' && next !== 'sr') named = true;
      });
      if (named) bump('us_government', OFFICE_WEIGHT);
    }
    // A state outlet's editors and columnists write for the state.
    if ((scores.get('foreign_government') ?? 0) >= OFFICE_WEIGHT && scores.has('media')) {
      bump('foreign_government', scores.get('media')!);
      scores.delete('media');
    }
    let best: ActorClass = 'public';
    let bestScore = 0;
    let second = 0;
    for (const cls of TIE_ORDER) {
      const score = scores.get(cls) ?? 0;
      if (score > bestScore) [second, bestScore, best] = [bestScore, score, cls];
      else if (score > second) second = score;
    }
    if (bestScore < 1 || best === 'public') return PUBLIC;
    return { label: best, confidence: Math.round(Math.min(0.9, 0.55 + 0.1 * (bestScore - second) + 0.05 * bestScore) * 1000) / 1000 };
  }

  /** "energycommerce.house.gov" tries itself, then "house.gov", then "gov". */
  private lookupDomain(domain: string): ActorClass | undefined {
    let d = domain.replace(/^https?:\/\//, '').replace(/\/.*$/, '').replace(/\.$/, '').replace(/^www\./, '');
    for (;;) {
      const found = this.domains.get(d);
      if (found) return found;
      const dot = d.indexOf('.');
      if (dot < 0) return undefined;
      d = d.slice(dot + 1);
    }
  }
}

function dropPossessive(text: string): string {
  return text.replace(/['’]s\b/g, '');
}

export function stripAttribution(profile: string): string {
  let out = profile;
  for (const pattern of ATTRIBUTION) out = out.replace(pattern, ' ');
  return out.replace(/\(\s*[,;]?\s*\)/g, ' ');
}

/** True when "former", "ex-" or "retired" stands just before the cue (a former senator speaks as a citizen). */
/** Countries and unions whose officials are a foreign government's, as they stand before an office. */
const FOREIGN_QUALIFIERS = new Set([
  'chinese', 'china', 'prc', 'beijing', 'eu', 'european', 'canadian', 'canada', 'british', 'uk', 'indian', 'india', 'japanese', 'japan',
  'taiwanese', 'taiwan', 'russian', 'russia', 'australian', 'australia', 'french', 'france', 'german', 'germany', 'korean', 'korea',
]);
const FOREIGN_QUALIFIERS_ZH = ['中国', '中方', '中华人民共和国', '驻美'];

function afterForeignQualifier(doc: TokenizedText, hit: PhraseHit): boolean {
  if (hit.start < 0) {
    const before = doc.folded.slice(Math.max(0, hit.offset - 8), hit.offset);
    return FOREIGN_QUALIFIERS_ZH.some((q) => before.includes(q));
  }
  for (let k = hit.start - 1; k >= 0 && k >= hit.start - 2; k--) {
    if (doc.kinds[k] === Kind.Boundary) return false;
    if (FOREIGN_QUALIFIERS.has(doc.tokens[k]!)) return true;
  }
  return false;
}

function afterFormer(doc: TokenizedText, hit: PhraseHit): boolean {
  if (hit.start < 0) {
    const before = doc.folded.slice(Math.max(0, hit.offset - 2), hit.offset);
    return before.includes('前');
  }
  for (let k = hit.start - 1; k >= 0 && k >= hit.start - 3; k--) {
    if (doc.kinds[k] === Kind.Boundary) return false;
    if (FORMER.has(doc.tokens[k]!)) return true;
  }
  return false;
}
