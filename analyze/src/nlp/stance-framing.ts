/**
 * Framings that argue a side without a fixed phrase. (1) Security: a post naming China's
 * state together with a danger word argues for the ban. (2) Tone toward a target: anger at
 * Congress or the government argues against the ban; warmth toward RedNote and its users
 * argues against it too. The stance scorer weighs these fully only on posts about TikTok
 * or the ban, so worry about China in general stays neutral.
 */
import { Kind, type TokenizedText } from './tokenize.ts';

const CHINA = new Set(['china', 'chinese', 'beijing', 'ccp', 'prc', 'communist', 'communists', 'xi', '中共', '中国政府']);
const DANGER = new Set([
  'threat', 'threats', 'danger', 'dangerous', 'risk', 'risks', 'backdoor', 'spy', 'spying', 'spies', 'spyware', 'surveillance',
  'espionage', 'propaganda', 'manipulate', 'manipulation', 'influence', 'infiltrate', 'adversary', 'adversaries', 'weaponize',
  'weaponized', 'harvest', 'harvesting', 'brainwash', 'exploit', 'access', 'control', 'controlled', 'controls', 'servers',
  'answers', 'report', 'hook',
]);
export const CHINA_THREAT_WEIGHT = 1.2;

export function hasChinaThreat(doc: TokenizedText): boolean {
  let china = false;
  let danger = false;
  for (let i = 0; i < doc.length && !(china && danger); i++) {
    const kind = doc.kinds[i];
    if (kind !== Kind.Word && kind !== Kind.Hashtag) continue;
    const token = kind === Kind.Hashtag ? doc.tokens[i]!.slice(1) : doc.tokens[i]!;
    if (CHINA.has(token)) china = true;
    else if (DANGER.has(token)) danger = true;
  }
  return china && danger;
}

const GOVERNMENT = new Set([
  'congress', 'government', 'lawmakers', 'politicians', 'senators', 'senate', 'washington', 'administration', 'legislators',
  'gov', 'govt', 'feds', 'dc', 'scotus', '政府', '国会',
]);
const ALT_APPS = new Set(['rednote', 'xiaohongshu', 'lemon8', '小红书']);
export const TONE_WEIGHT = 1.0;

/**
 * +1 when the tone argues against the ban (negative about the government, positive about
 * the apps people moved to), 0 when it says nothing. `sentiment` is the post's score in [-1, 1].
 */
export function toneAgainstBan(doc: TokenizedText, sentiment: number): number {
  if (Math.abs(sentiment) < 0.3) return 0;
  let government = false;
  let altApp = false;
  for (let i = 0; i < doc.length; i++) {
    const kind = doc.kinds[i];
    if (kind === Kind.Cjk) {
      if (doc.tokens[i]!.includes('小红书')) altApp = true;
      if (doc.tokens[i]!.includes('政府') || doc.tokens[i]!.includes('国会')) government = true;
      continue;
    }
    if (kind !== Kind.Word && kind !== Kind.Hashtag) continue;
    const token = kind === Kind.Hashtag ? doc.tokens[i]!.slice(1) : doc.tokens[i]!;
    if (GOVERNMENT.has(token)) government = true;
    else if (ALT_APPS.has(token)) altApp = true;
  }
  // Anger at the government over a China threat is the security argument, not opposition.
  if (sentiment < 0 && government && !hasChinaThreat(doc)) return 1;
  if (sentiment > 0 && altApp) return 1;
  return 0;
}
