/**
 * Tone toward a target, sentence by sentence: who a sentence names (the measure itself, the US
 * government, the app, China's state) and whether its words are warm or hostile. Stance is
 * sentiment aimed at a target: hostility toward the ban or the lawmakers behind it argues
 * against the ban, hostility toward China's state or the app argues for it. The valence comes
 * from lexicons (VADER's ratings in English, a list of evaluative words in Chinese), so the
 * feature reaches far more phrasings than the pack's fixed frames; the model learns how much
 * each target's tone weighs. The tone is credited to the target a sentence names first, most
 * often its subject ("a ban on TikTok would be devastating" is about the ban), and separately,
 * as `tvo:`, to the others it names. Nothing here reads who wrote the post.
 *
 * A second signal, dispute: a sentence that calls a claim groundless, alleged or "so-called"
 * turns the claims in it around ("the groundless accusation that TikTok threatens security").
 */
/// <reference path="./vader-lexicon.d.ts" />
import { lexicon as vaderLexicon } from 'vader-sentiment/src/vader_lexicon.js';
import type { FeatureSink } from './feature-sink.ts';
import { Kind, type TokenizedText } from './tokenize.ts';

type Target = 'measure' | 'usgov' | 'app' | 'china';
const TARGETS: readonly Target[] = ['measure', 'usgov', 'app', 'china'];

const EN_TARGETS: Record<Target, readonly string[]> = {
  measure: ['ban', 'bans', 'banning', 'banned', 'law', 'bill', 'act', 'legislation', 'ruling', 'order', 'restriction', 'restrictions', 'prohibition'],
  usgov: [
    'congress', 'lawmakers', 'politicians', 'government', 'administration', 'washington', 'senators', 'senator', 'senate',
    'legislators', 'republicans', 'democrats', 'gop', 'trump', 'biden', 'officials', 'governor',
  ],
  app: ['tiktok', 'bytedance', 'app', 'platform', 'douyin'],
  china: ['china', 'chinese', 'ccp', 'beijing', 'communist', 'communists', 'prc', 'xi'],
};
const ZH_TARGETS: Record<Target, readonly string[]> = {
  measure: ['禁令', '封禁', '禁止', '禁用', '法案', '法令', '行政令', '裁决', '限制'],
  usgov: ['美国政府', '美方', '美国', '政客', '议员', '国会', '白宫', '特朗普', '川普', '拜登', '华盛顿', '当局'],
  app: ['tiktok', '字节跳动', '字节', '抖音', '平台', '应用'],
  china: ['中共', '中国政府', '共产党', '北京当局', '党国'],
};

/** Evaluative words of Chinese commentary and posts, written for this feature: a few hundred of the commonest. */
const ZH_NEGATIVE = [
  '流氓', '勒索', '掠夺', '抢劫', '强盗', '霸凌', '霸权', '霸道', '蛮横', '粗暴', '野蛮', '无耻', '卑鄙', '恶劣', '荒唐', '荒谬',
  '可笑', '闹剧', '作秀', '政治秀', '愚蠢', '无知', '傲慢', '偏见', '歧视', '污名', '抹黑', '污蔑', '诬陷', '栽赃', '打压', '围猎',
  '围剿', '封杀', '扼杀', '绞杀', '巧取豪夺', '强买强卖', '强行', '胁迫', '威胁', '危害', '损害', '伤害', '破坏', '违反', '违背',
  '践踏', '罔顾', '滥用', '虚伪', '双标', '失败', '可耻', '可怕', '危险', '恶意', '敌意', '敌对', '阴谋', '操纵', '操控', '洗脑',
  '窃取', '间谍', '监控', '渗透', '毒害', '有害', '作茧自缚', '损人', '自私', '私利', '恐慌', '焦虑', '担忧', '不满', '愤怒',
  '失望', '难过', '伤心', '痛心', '遗憾', '反对', '谴责', '抗议', '糟糕', '混乱', '错误', '不公', '不公平', '不合理', '无理',
  '无端', '莫须有', '毫无根据', '谎言', '谣言', '捏造', '虚假', '原罪', '悲哀', '讽刺', '丑陋', '丑闻', '黑手', '垃圾', '讨厌',
];
const ZH_POSITIVE = [
  '支持', '欢迎', '喜欢', '热爱', '爱', '感谢', '谢谢', '开心', '高兴', '快乐', '友好', '友善', '热情', '温暖', '可爱', '美好',
  '精彩', '有趣', '好玩', '优秀', '成功', '胜利', '正确', '必要', '合理', '明智', '正当', '合法', '公平',
  '信任', '赞', '棒', '不错', '希望', '期待', '值得', '满意', '宝贵', '重要',
];
const ZH_NEGATORS = ['不', '没', '未', '无', '非', '别'];

const DISPUTE_EN = new Set([
  'groundless', 'baseless', 'unfounded', 'unwarranted', 'unsubstantiated', 'unproven', 'hypothetical', 'speculative', 'speculation',
  'innuendo', 'alleged', 'allegedly', 'purported', 'supposed', 'supposedly', 'so-called', 'claim', 'claims', 'claimed', 'accusation',
  'accusations', 'falsehood', 'falsehoods', 'myth', 'myths', 'fearmongering', 'fear-mongering', 'hysteria', 'paranoia', 'trumped',
  'disagree', 'deny', 'denies', 'denied', 'reject', 'rejects', 'rejected', 'refute', 'dismiss', 'dismissed', 'pretend', 'pretext',
]);
const DISPUTE_ZH = ['莫须有', '毫无根据', '无端', '抹黑', '污蔑', '炒作', '所谓', '借口', '声称', '捏造', '谎言', '臆测', '子虚乌有', '不实', '泛化', '为由', '幌子', '没有证据', '并未'];

/** What a Chinese word is to this reader: a target, a dispute word or an evaluative word. */
type ZhEntry = { word: string; target?: Target; dispute?: true; valence?: number };
/** Chinese words by first character, longest first, so each run is read once, leftmost-longest. */
const ZH_BY_FIRST = new Map<string, ZhEntry[]>();
for (const entry of [
  ...TARGETS.flatMap((target) => ZH_TARGETS[target].map((word): ZhEntry => ({ word, target }))),
  ...DISPUTE_ZH.map((word): ZhEntry => ({ word, dispute: true })),
  ...ZH_NEGATIVE.map((word): ZhEntry => ({ word, valence: -1 })),
  ...ZH_POSITIVE.map((word): ZhEntry => ({ word, valence: 1 })),
]) {
  const list = ZH_BY_FIRST.get(entry.word[0]!) ?? [];
  list.push(entry);
  ZH_BY_FIRST.set(entry.word[0]!, list);
}
for (const list of ZH_BY_FIRST.values()) list.sort((a, b) => b.word.length - a.word.length);

const EN_NEGATORS = new Set(['not', 'no', 'never', "n't", "isn't", "wasn't", "don't", "doesn't", "didn't", "won't", "can't", 'cannot', 'nothing', 'nobody', 'neither', 'nor', 'without']);
const NEGATION_REACH = 3;
/** A sentence leans when its summed valence reaches this (a strong English word rates about 2 to 3). */
const EN_LEAN = 1.5;

const enTargetOf = new Map<string, Target>();
for (const t of TARGETS) for (const w of EN_TARGETS[t]) enTargetOf.set(w, t);
/**
 * Words of political argument that VADER's ratings (made for everyday social text) lack, rated
 * here on VADER's scale: a firm condemnation about -2, praise about +1.5.
 */
const POLITICAL_RATINGS: Record<string, number> = {
  unconstitutional: -2, authoritarian: -2.2, censorship: -2, overreach: -1.8, xenophobic: -2.4, xenophobia: -2.4, draconian: -2,
  dystopian: -2, discriminatory: -2, shortsighted: -1.5, misguided: -1.6, performative: -1.2, barbaric: -2.6, rogue: -1.8,
  extortion: -2.6, theft: -2.2, robbery: -2.4, blackmail: -2.5, coercion: -2, coercive: -2, predatory: -2.2, absurd: -1.6,
  spying: -1.8, spyware: -2, surveillance: -1.2, espionage: -2, malign: -2, infiltrate: -1.6, weaponize: -2, weaponized: -2,
  manipulate: -1.6, manipulation: -1.6, mccarthyism: -2.2, fearmongering: -2, 'fear-mongering': -2, 'witch-hunt': -2.2,
  necessary: 1.2, overdue: 1, lifeline: 1.5, thriving: 1.8, commonsense: 1.2,
};
/**
 * Words VADER rates that name what the debate is about rather than judge it: "national security"
 * and "free speech" are the two sides' topics, not praise, and "like China" is no liking.
 */
const TOPIC_WORDS = [
  'security', 'secure', 'safety', 'safe', 'free', 'freedom', 'liberty', 'protect', 'protected', 'protects', 'safeguard', 'interest',
  'interests', 'like', 'want', 'well', 'please', 'yes', 'ban', 'banned',
];
const ratings = new Map<string, number>([...Object.entries(vaderLexicon as Record<string, number>), ...Object.entries(POLITICAL_RATINGS)]);
for (const word of TOPIC_WORDS) ratings.delete(word);

/** One sentence's findings: the targets it names, its valence and whether it disputes a claim. */
interface Sentence {
  targets: Set<Target>;
  valence: number;
  disputes: boolean;
  /** Weight of what follows: 1.5 after a "but". */
  after: number;
}
const CONTRAST_EN = new Set(['but', 'however', 'yet']);

/** What an English word is to this reader, from one lookup; the first role that applies decides, in this order. */
interface EnWord {
  target?: Target;
  contrast?: true;
  negator?: true;
  dispute?: true;
  rating?: number;
}
const EN_WORDS = new Map<string, EnWord>();
const enWord = (word: string): EnWord => EN_WORDS.get(word) ?? EN_WORDS.set(word, {}).get(word)!;
for (const [word, target] of enTargetOf) enWord(word).target = target;
for (const word of CONTRAST_EN) enWord(word).contrast = true;
for (const word of EN_NEGATORS) enWord(word).negator = true;
for (const word of DISPUTE_EN) enWord(word).dispute = true;
for (const [word, rating] of ratings) enWord(word).rating = rating;

/**
 * Emits `tv:TARGET +` / `tv:TARGET -` for the first target named in a sentence whose tone leans
 * warm or hostile (`tvo:` for the others), and `dispute` when a sentence disputes a claim,
 * `dispute:TARGET` for each target it names.
 */
export function emitTargetTone(doc: TokenizedText, out: FeatureSink): void {
  let sentence: Sentence = fresh();
  let negateFor = 0;
  const flush = (): void => {
    const lean = sentence.valence >= EN_LEAN ? '+' : sentence.valence <= -EN_LEAN ? '-' : '';
    let first = true;
    for (const t of sentence.targets) {
      if (lean) out.addJoined(first ? 'tv:' : 'tvo:', t, lean);
      first = false;
      if (sentence.disputes) out.addJoined('dispute:', t);
    }
    if (sentence.disputes) out.add('dispute');
    sentence = fresh();
    negateFor = 0;
  };
  for (let i = 0; i < doc.length; i++) {
    const kind = doc.kinds[i];
    const token = doc.tokens[i]!;
    if (kind === Kind.Mark || (kind === Kind.Boundary && token === '.')) {
      flush();
    } else if (kind === Kind.Boundary) {
      negateFor = 0;
    } else if (kind === Kind.Word || kind === Kind.Hashtag) {
      const word = kind === Kind.Hashtag ? token.slice(1) : token;
      const role = EN_WORDS.get(word);
      if (role?.target) {
        sentence.targets.add(role.target);
      } else if (role?.contrast) {
        // VADER's rule: what follows "but" outweighs what came before.
        sentence.valence *= 0.5;
        sentence.after = 1.5;
      } else if (role?.negator || word.endsWith("n't")) {
        negateFor = NEGATION_REACH;
        continue;
      } else if (role) {
        if (role.dispute) sentence.disputes = true;
        const rating = role.rating;
        if (rating !== undefined) sentence.valence += sentence.after * (negateFor > 0 ? -0.74 * rating : rating);
      }
      if (negateFor > 0) negateFor--;
    } else if (kind === Kind.Cjk) {
      readChinese(token, sentence);
    }
  }
  flush();
  if (SCARE_QUOTE.test(doc.folded)) out.add('scare_quote');
}

/** A short quoted span around a claim ("national security", “国家安全”) holds it at a distance. */
const SCARE_QUOTE = /["“'‘「『]([^"”'’」』]{0,20}(security|threat|safety|protect|guilt|evidence|spy|安全|威胁|保护|间谍|罪)[^"”'’」』]{0,10})["”'’」』]/;

function fresh(): Sentence {
  return { targets: new Set(), valence: 0, disputes: false, after: 1 };
}

/**
 * Chinese runs, read once left to right taking the longest word at each place: targets and
 * dispute words mark the sentence, evaluative words add valence, flipped by a negator just before.
 */
function readChinese(run: string, sentence: Sentence): void {
  for (let at = 0; at < run.length; ) {
    const entry = ZH_BY_FIRST.get(run[at]!)?.find((e) => run.startsWith(e.word, at));
    if (!entry) {
      at++;
      continue;
    }
    if (entry.target) sentence.targets.add(entry.target);
    if (entry.dispute) sentence.disputes = true;
    if (entry.valence) {
      const before = run.slice(Math.max(0, at - 2), at);
      // Each Chinese evaluative word counts as a strong English one.
      sentence.valence += sentence.after * (ZH_NEGATORS.some((n) => before.includes(n)) ? -0.74 : 1) * entry.valence * EN_LEAN;
    }
    at += entry.word.length;
  }
}
