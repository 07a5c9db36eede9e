/**
 * The demo source: a deterministic generator of a SYNTHETIC corpus about the US TikTok ban.
 * Nothing here is a real post or a real account. Every post says so: source `demo`, ids
 * `demo-<n>`, urls on the reserved `.invalid` domain, `synthetic: true`, a "[Synthetic demo
 * account]" profile and `raw.synthetic`. The shape follows the brief's timeline (spikes at the
 * events, a daily rhythm, Chinese voices from the RedNote week on) so the dashboard has
 * something plausible to draw offline; the numbers themselves mean nothing.
 */
import { type PostInput, seededRandom } from '@rift/core';
import { authorPools, type DemoAuthor } from './demo-authors.ts';
import { TEXTS, type ArgKey, type Lang, type Phase, type Stance, type Voice } from './demo-texts.ts';

export const DEMO_RANGE = { first: '2024-03-01', last: '2025-12-31' } as const;
export const DEMO_DEFAULT_COUNT = 200_000;

const DAY_MS = 86_400_000;
const START = Date.parse(`${DEMO_RANGE.first}T00:00:00Z`);
const DAYS = (Date.parse(`${DEMO_RANGE.last}T00:00:00Z`) - START) / DAY_MS + 1;
const dayOf = (date: string) => (Date.parse(`${date}T00:00:00Z`) - START) / DAY_MS;

/** Events and how loud they were: peak in multiples of the baseline day, decay in days. */
const SPIKES: ReadonlyArray<{ date: string; peak: number; decay: number; gov: boolean }> = [
  { date: '2024-03-13', peak: 22, decay: 3, gov: true }, // House vote
  { date: '2024-04-24', peak: 16, decay: 3, gov: true }, // signed into law
  { date: '2024-12-06', peak: 10, decay: 2.5, gov: false }, // D.C. Circuit
  { date: '2025-01-10', peak: 18, decay: 2, gov: false }, // oral argument
  { date: '2025-01-13', peak: 40, decay: 4, gov: false }, // RedNote #1
  { date: '2025-01-17', peak: 45, decay: 2, gov: true }, // ruling
  { date: '2025-01-18', peak: 70, decay: 1.5, gov: false }, // going dark
  { date: '2025-01-19', peak: 50, decay: 2, gov: false }, // back online
  { date: '2025-01-20', peak: 30, decay: 4, gov: true }, // executive order, 75-day pause
  { date: '2025-04-04', peak: 7, decay: 2, gov: true }, // further extensions and deal news in 2025
  { date: '2025-06-19', peak: 5, decay: 2, gov: true },
  { date: '2025-09-16', peak: 6, decay: 2, gov: true },
  { date: '2025-09-25', peak: 5, decay: 2, gov: true },
];
const BASELINE = 2;
const REDNOTE_DAY = dayOf('2025-01-13');

/** Day weights for volume, and the share of government voices each day (higher after their acts). */
function dayModel(): { weight: Float64Array; govShare: Float64Array } {
  const weight = new Float64Array(DAYS);
  const govShare = new Float64Array(DAYS);
  const spikeDays = SPIKES.map((s) => ({ ...s, day: dayOf(s.date) }));
  for (let d = 0; d < DAYS; d++) {
    const weekend = (new Date(START + d * DAY_MS).getUTCDay() + 6) % 7 >= 5 ? 1.15 : 1;
    // A standing hum of attention between the appeal ruling and the pause.
    const plateau = d >= dayOf('2024-12-06') && d < dayOf('2025-02-15') ? 3 : 0;
    let spikes = 0;
    let gov = 0;
    for (const s of spikeDays) {
      const dt = d - s.day;
      const v = dt >= 0 ? s.peak * Math.exp(-dt / s.decay) : s.peak * 0.25 * Math.exp(dt);
      spikes += v;
      if (s.gov) gov += v;
    }
    weight[d] = BASELINE * weekend + plateau + spikes;
    govShare[d] = 0.045 + (0.06 * gov) / weight[d]!;
  }
  return { weight, govShare };
}

/** Exactly `count` posts spread over the days by weight (largest remainder), so any count is exact. */
function allocate(count: number, weight: Float64Array): Uint32Array {
  const total = weight.reduce((a, b) => a + b, 0);
  const counts = new Uint32Array(DAYS);
  const rest: Array<{ d: number; frac: number }> = [];
  let given = 0;
  for (let d = 0; d < DAYS; d++) {
    const exact = (count * weight[d]!) / total;
    counts[d] = Math.floor(exact);
    given += counts[d]!;
    rest.push({ d, frac: exact - counts[d]! });
  }
  rest.sort((a, b) => b.frac - a.frac || a.d - b.d);
  for (let i = 0; i < count - given; i++) counts[rest[i]!.d]! += 1;
  return counts;
}

/** Posts per UTC hour for US voices (busy in American evenings); Chinese voices keep the same rhythm in China time. */
const US_HOURS = [8, 7, 6, 5, 4, 3, 2, 1.5, 1.2, 1.2, 1.5, 2, 3, 4, 5, 6, 6.5, 7, 7, 7.5, 8, 8.5, 9, 8.5];
const cdf = (w: number[]) => {
  const sum = w.reduce((a, b) => a + b, 0);
  let acc = 0;
  return w.map((x) => (acc += x / sum));
};
const HOUR_CDF: Record<Lang, number[]> = { en: cdf(US_HOURS), zh: cdf(US_HOURS.map((_, h) => US_HOURS[(h + 9) % 24]!)) };

function phaseOf(d: number): Phase {
  if (d < dayOf('2024-04-24')) return 'vote';
  if (d < dayOf('2024-12-06')) return 'law';
  if (d < dayOf('2025-01-10')) return 'appeal';
  if (d < dayOf('2025-01-17')) return 'scotus';
  if (d < dayOf('2025-01-20')) return 'dark';
  return d < dayOf('2025-03-15') ? 'pause' : 'deal';
}

/** Public opinion drifts against the ban and peaks in the January 2025 crisis. */
function publicOdds(phase: Phase, lang: Lang): { oppose: number; support: number } {
  if (lang === 'zh') return { oppose: 0.6, support: 0.04 };
  if (phase === 'vote' || phase === 'law') return { oppose: 0.42, support: 0.18 };
  if (phase === 'appeal') return { oppose: 0.52, support: 0.15 };
  if (phase === 'scotus' || phase === 'dark') return { oppose: 0.72, support: 0.08 };
  return phase === 'pause' ? { oppose: 0.6, support: 0.1 } : { oppose: 0.5, support: 0.13 };
}

/** Share of Chinese among public voices: a trace before RedNote's week, a wave after it. */
const zhShare = (d: number) => (d < REDNOTE_DAY ? 0.01 : 0.03 + 0.3 * Math.exp(-(d - REDNOTE_DAY) / 12));

// Cheap check that a text names the subject the way the pack's TermMatcher sees it (a Latin
// term as a whole word, not inside a hashtag like #NoTikTokBan); otherwise a relevance tag is added.
const ON_TOPIC = /(?<![\p{L}\p{N}_#@])(?:tiktok|rednote|xiaohongshu|bytedance|lemon8)(?![\p{L}\p{N}_])|#tiktok(?![\p{L}\p{N}_])|小红书|字节跳动|tiktok难民/iu;

export function* generateDemoPosts(options: { count: number; seed?: number }): Generator<PostInput> {
  if (!Number.isSafeInteger(options.count) || options.count < 0) throw new RangeError(`count must be a whole number >= 0, got ${options.count}`);
  const seed = options.seed ?? 1;
  const rnd = seededRandom(seed);
  const pickOf = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const { weight, govShare } = dayModel();
  const perDay = allocate(options.count, weight);
  const pools = authorPools();
  const companiesBefore = pools.byVoice.company.en.filter((a) => !a.handle.includes('rednote'));
  let n = 0;

  for (let d = 0; d < DAYS; d++) {
    const phase = phaseOf(d);
    const dayStart = START + d * DAY_MS;
    for (let k = 0; k < perDay[d]!; k++, n++) {
      const author = chooseAuthor(d);
      const stance = chooseStance(author, phase);
      const text = compose(author, stance, phase, d >= REDNOTE_DAY);
      const hourCdf = HOUR_CDF[author.lang];
      const u = rnd();
      let hour = 0;
      while (hour < 23 && hourCdf[hour]! < u) hour++;
      const created = dayStart + hour * 3_600_000 + Math.floor(rnd() * 3_600_000);
      // Posts on loud days travel further; a heavy tail gives a few viral ones.
      const spike = 1 + weight[d]! / (BASELINE * 10);
      const likes = Math.min(2_000_000, Math.floor(author.reach * spike * (Math.pow(1 - rnd(), -0.8) - 1)));
      yield {
        source: 'demo',
        id: `demo-${n}`,
        url: `https://demo.rift.invalid/post/${n}`,
        author: { handle: author.handle, name: author.name, description: author.description, verified_domain: '' },
        created_at: new Date(created).toISOString(),
        text,
        lang_hint: author.lang,
        engagement: { likes, reposts: Math.floor(likes * 0.25 * rnd()), replies: Math.floor(likes * 0.12 * rnd()) },
        matched_terms: [], // left to the shared relevance step, as for every source
        synthetic: true,
        raw: { generator: 'rift-demo', seed, synthetic: true },
      };
    }
  }

  function chooseAuthor(d: number): DemoAuthor {
    const r = rnd();
    const gov = govShare[d]!;
    const afterRedNote = d >= REDNOTE_DAY;
    let voice: Voice = 'public';
    if (r < gov) voice = 'gov';
    else if (r < gov + 0.05) voice = 'media';
    else if (r < gov + 0.062) voice = 'company';
    else if (r < gov + (afterRedNote ? 0.08 : 0.072)) voice = 'foreign';
    if (voice === 'public') {
      const zh = rnd() < zhShare(d);
      const pool = zh ? pools.publicZh : pools.publicEn;
      // A few accounts post a lot, most post rarely.
      return pool[Math.floor(pool.length * Math.pow(rnd(), 1.5))]!;
    }
    const byLang = pools.byVoice[voice];
    if (voice === 'company' && !afterRedNote) return pickOf(companiesBefore);
    const zh = byLang.zh.length > 0 && rnd() < (voice === 'foreign' ? 0.45 : 0.3);
    return pickOf(zh ? byLang.zh : byLang.en);
  }

  function chooseStance(author: DemoAuthor, phase: Phase): Stance {
    const r = rnd();
    if (author.lean) return author.lean === 'neutral' || r < 0.85 ? author.lean : 'neutral';
    const odds = publicOdds(phase, author.lang);
    return r < odds.oppose ? 'oppose' : r < odds.oppose + odds.support ? 'support' : 'neutral';
  }

  function compose(author: DemoAuthor, stance: Stance, phase: Phase, afterRedNote: boolean): string {
    const t = TEXTS[author.lang];
    const key: ArgKey = author.handle.includes('rednote') ? 'rednote' : author.voice;
    const late = afterRedNote ? t.late[key]?.[stance] : undefined;
    // Half the lines come from the RedNote-era set once it exists, so old arguments carry on beside new ones.
    const lines = late && rnd() < 0.5 ? late : t.args[key]![stance];
    const parts: string[] = [];
    const openers = t.opener[author.voice];
    if (openers && rnd() < 0.35) parts.push(pickOf(openers));
    if (rnd() < 0.45) parts.push(pickOf(t.context[phase]));
    const first = pickOf(lines);
    parts.push(first);
    if (rnd() < 0.4) {
      const second = pickOf(lines);
      if (second !== first) parts.push(second);
    }
    if (author.voice !== 'foreign' && author.voice !== 'company' && rnd() < 0.35) parts.push(pickOf(t.tail[stance]));
    let text = parts.join(author.lang === 'zh' ? '' : ' ');
    const tagCount = author.voice === 'public' ? Math.floor(rnd() * 3) : rnd() < 0.3 ? 1 : 0;
    for (let i = 0; i < tagCount; i++) {
      const tag = pickOf(t.tags[stance]);
      if (!text.includes(tag)) text += ` ${tag}`;
    }
    if (!ON_TOPIC.test(text)) text += author.lang === 'zh' && afterRedNote ? ' #TikTok难民' : ' #TikTok';
    if (author.voice === 'public' && rnd() < 0.4) text += ` ${pickOf(t.emoji[stance])}`;
    return text;
  }
}
