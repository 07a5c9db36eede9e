/**
 * The fictional accounts of the SYNTHETIC demo corpus. The actor signal lives in the profile
 * description (as it does for real accounts), always after the "[Synthetic demo account]" label;
 * verified_domain stays empty because no domain vouches for a made-up account.
 */
import type { Lang, Stance, Voice } from './demo-texts.ts';

export const SYNTHETIC_LABEL = '[Synthetic demo account]';

export interface DemoAuthor {
  handle: string;
  name: string;
  description: string;
  voice: Voice;
  lang: Lang;
  /** A fixed leaning for institutional voices; null lets the timeline decide (public). */
  lean: Stance | null;
  /** Typical engagement of this account's posts. */
  reach: number;
}

/** A fixed integer hash so an author's profile depends only on its number, not on the seed. */
function hash(n: number): number {
  let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length] as T;
}

const EN_FIRST = ['Sam', 'Alex', 'Jordan', 'Riley', 'Casey', 'Morgan', 'Taylor', 'Jamie', 'Drew', 'Avery', 'Quinn', 'Rowan', 'Skyler', 'Emerson'];
const EN_ABOUT = ['nurse', 'teacher', 'college student', 'dad of two', 'home baker', 'gamer', 'runner', 'bookworm', 'line cook',
  'full-time creator', 'small shop owner', 'dog mom', 'retired mechanic', 'grad student', 'plant person', 'amateur chef'];
const EN_PLACE = ['in Ohio', 'in Texas', 'in the Bay Area', 'in Georgia', 'in Michigan', 'in Arizona', 'somewhere in the Midwest', 'in New Jersey'];
const ZH_ABOUT = ['喜欢做饭', '爱拍猫', '大学生', '上班族', '旅行博主', '英语老师', '摄影爱好者', '宝妈'];
const ZH_PLACE = ['上海', '成都', '杭州', '广州', '北京', '长沙', '西安', '重庆'];

const PUBLIC_EN = 40_000;
const PUBLIC_ZH = 6_000;

function publicAuthor(n: number): DemoAuthor {
  const h = hash(n);
  const handle = `synthetic-user-${String(n).padStart(5, '0')}`;
  const zh = n >= PUBLIC_EN;
  const description = zh
    ? `${SYNTHETIC_LABEL} ${pick(ZH_PLACE, h)} · ${pick(ZH_ABOUT, h >>> 8)}（虚构账号）`
    : `${SYNTHETIC_LABEL} ${pick(EN_ABOUT, h >>> 4)} ${pick(EN_PLACE, h >>> 12)} (fictional)`;
  const name = zh ? `演示用户${n}` : `${pick(EN_FIRST, h >>> 20)} ${String.fromCharCode(65 + (h % 26))}. (synthetic)`;
  return { handle, name, description, voice: 'public', lang: zh ? 'zh' : 'en', lean: null, reach: 3 };
}

/** Roles of government accounts, with how many of each and how they lean. */
const GOV_ROLES: ReadonlyArray<{ role: string; count: number; lean: Stance; reach: number }> = [
  { role: 'U.S. Senator (fictional)', count: 30, lean: 'support', reach: 80 },
  { role: 'U.S. Representative (fictional)', count: 70, lean: 'support', reach: 40 },
  { role: 'Member of Congress (fictional), free speech caucus', count: 12, lean: 'oppose', reach: 60 },
  { role: 'U.S. Senator (fictional), civil liberties advocate', count: 3, lean: 'oppose', reach: 90 },
  { role: 'House Committee on China policy (fictional stand-in)', count: 4, lean: 'support', reach: 120 },
  { role: 'Senate Committee on Commerce (fictional stand-in)', count: 2, lean: 'support', reach: 100 },
  { role: 'Official account of the Department of Commerce (fictional stand-in)', count: 2, lean: 'neutral', reach: 150 },
  { role: 'Official account of the Department of Justice (fictional stand-in)', count: 2, lean: 'support', reach: 150 },
  { role: 'White House press office (fictional stand-in)', count: 2, lean: 'neutral', reach: 400 },
  { role: 'Attorney General of a U.S. state (fictional)', count: 8, lean: 'support', reach: 30 },
];

const MEDIA_ROLES = ['Tech reporter at a fictional news outlet', 'Politics correspondent (fictional)', 'Breaking news desk of a fictional newspaper',
  'Columnist at a fictional magazine', 'Podcast host covering tech policy (fictional)'];

function institutional(): DemoAuthor[] {
  const out: DemoAuthor[] = [];
  let gov = 0;
  for (const r of GOV_ROLES) {
    for (let i = 0; i < r.count; i++, gov++) {
      const id = String(gov).padStart(4, '0');
      out.push({ handle: `synthetic-gov-${id}`, name: `Gov Demo ${id} (fictional)`, description: `${SYNTHETIC_LABEL} ${r.role}`,
        voice: 'gov', lang: 'en', lean: r.lean, reach: r.reach });
    }
  }
  for (let i = 0; i < 60; i++) {
    const id = String(i).padStart(4, '0');
    const lean: Stance = i % 10 === 0 ? 'oppose' : i % 10 === 1 ? 'support' : 'neutral';
    out.push({ handle: `synthetic-media-${id}`, name: `Media Demo ${id} (fictional)`, description: `${SYNTHETIC_LABEL} ${pick(MEDIA_ROLES, i)}`,
      voice: 'media', lang: 'en', lean, reach: 50 });
  }
  const company = (key: string, role: string, lang: Lang, lean: Stance): DemoAuthor => ({
    handle: `synthetic-company-${key}`, name: `${key} (synthetic stand-in)`, description: `${SYNTHETIC_LABEL} ${role}`,
    voice: 'company', lang, lean, reach: 500,
  });
  out.push(
    company('tiktok', "Stand-in for TikTok's company account (fictional)", 'en', 'oppose'),
    company('bytedance', 'Stand-in for ByteDance corporate communications (fictional)', 'en', 'oppose'),
    company('rednote', 'Stand-in for the RedNote (Xiaohongshu) brand account (fictional)', 'en', 'neutral'),
    company('rednote-cn', '小红书 brand account stand-in (fictional)', 'zh', 'neutral'),
  );
  const foreign = (n: number, role: string, lang: Lang): DemoAuthor => ({
    handle: `synthetic-foreign-${String(n).padStart(4, '0')}`, name: `Foreign Demo ${n} (fictional)`,
    description: `${SYNTHETIC_LABEL} ${role}`, voice: 'foreign', lang, lean: 'oppose', reach: 60,
  });
  out.push(
    foreign(0, "Stand-in for China's foreign ministry spokesperson (fictional)", 'en'),
    foreign(1, '外交部发言人账号（虚构）', 'zh'),
    foreign(2, 'Chinese state media outlet (fictional stand-in)', 'en'),
    foreign(3, 'Chinese state media, Chinese-language edition (fictional stand-in)', 'zh'),
    foreign(4, "Embassy of the People's Republic of China, stand-in (fictional)", 'en'),
  );
  return out;
}

export interface AuthorPools {
  publicEn: DemoAuthor[];
  publicZh: DemoAuthor[];
  byVoice: Record<Exclude<Voice, 'public'>, Record<Lang, DemoAuthor[]>>;
}

let pools: AuthorPools | undefined;

/** Built once on first use: the same accounts serve every seed. */
export function authorPools(): AuthorPools {
  if (pools) return pools;
  const publicEn: DemoAuthor[] = [];
  const publicZh: DemoAuthor[] = [];
  for (let n = 0; n < PUBLIC_EN + PUBLIC_ZH; n++) (n < PUBLIC_EN ? publicEn : publicZh).push(publicAuthor(n));
  const empty = () => ({ en: [] as DemoAuthor[], zh: [] as DemoAuthor[] });
  const byVoice = { gov: empty(), media: empty(), company: empty(), foreign: empty() };
  for (const a of institutional()) if (a.voice !== 'public') byVoice[a.voice][a.lang].push(a);
  pools = { publicEn, publicZh, byVoice };
  return pools;
}
