/**
 * Actor class: the pack's registry first (exact handle, then verified domain and its parent
 * domains, a handle that is itself a domain such as a Bluesky handle), then cue phrases in
 * the profile's name and description; `public` when nothing speaks for another class.
 */
import type { ActorClass } from '@rift/core/labels';
import type { TopicPack } from '@rift/core/topic-pack';
import type { AnalyzerInput } from '../analyzer.ts';
import { PhraseIndex, type PhraseHit } from './phrase-index.ts';
import { tokenize } from './tokenize.ts';

export interface ActorResult {
  label: ActorClass;
  confidence: number;
}

const PUBLIC: ActorResult = { label: 'public', confidence: 0.7 };
const CACHE_SIZE = 20_000;
/** Hosts where anyone gets a handle: their domain says nothing about the author. */
const SHARED_HOSTS = ['bsky.social', 'mastodon.social', 'reddit.com', 'twitter.com', 'x.com'];

export class ActorClassifier {
  private readonly handles: Map<string, ActorClass>;
  private readonly domains: Map<string, ActorClass>;
  private readonly cues: PhraseIndex;
  private readonly cueClasses: ActorClass[];
  private readonly counts = new Map<ActorClass, number>();
  private readonly onCue = (hit: PhraseHit): void => {
    const cls = this.cueClasses[hit.id]!;
    this.counts.set(cls, (this.counts.get(cls) ?? 0) + 1);
  };

  constructor(pack: TopicPack) {
    const reg = pack.actor_registry;
    this.handles = new Map(Object.entries(reg.handles).map(([h, c]) => [normalizeHandle(h), c]));
    this.domains = new Map(Object.entries(reg.domains).map(([d, c]) => [d.toLowerCase().replace(/^\.+/, ''), c]));
    const phrases: string[] = [];
    this.cueClasses = [];
    for (const [cls, list] of Object.entries(reg.profile_cues) as [ActorClass, string[]][]) {
      for (const phrase of list) {
        phrases.push(phrase);
        this.cueClasses.push(cls);
      }
    }
    this.cues = new PhraseIndex(phrases);
  }

  /** Authors post many times; remembering their class skips re-reading the same profile. */
  private readonly cache = new Map<string, ActorResult>();

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
    const profile = `${author.name ?? ''} . ${author.description ?? ''}`;
    if (profile.length > 3) {
      this.counts.clear();
      this.cues.scan(tokenize(profile), this.onCue);
      let best: ActorClass | null = null;
      let bestCount = 0;
      for (const [cls, count] of this.counts) {
        if (count > bestCount) {
          best = cls;
          bestCount = count;
        }
      }
      if (best && best !== 'public') return { label: best, confidence: bestCount > 1 ? 0.8 : 0.7 };
    }
    return PUBLIC;
  }

  /** "energycommerce.house.gov" tries itself, then "house.gov", then "gov". */
  private lookupDomain(domain: string): ActorClass | undefined {
    let d = domain.replace(/^https?:\/\//, '').replace(/\/.*$/, '').replace(/\.$/, '');
    for (;;) {
      const found = this.domains.get(d);
      if (found) return found;
      const dot = d.indexOf('.');
      if (dot < 0) return undefined;
      d = d.slice(dot + 1);
    }
  }
}

function normalizeHandle(handle: string): string {
  return handle.trim().toLowerCase().replace(/^@+/, '');
}
