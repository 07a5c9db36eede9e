/**
 * Text fragments of the SYNTHETIC demo corpus. Every sentence here was written for Rift's demo;
 * none is a real post. The generator combines them (opener, event context, one or two
 * arguments, a tone word, hashtags, emoji) so the corpus holds tens of thousands of distinct
 * texts that carry the kind of cues the topic pack lists, without any of them being real.
 */

export type Lang = 'en' | 'zh';
export type Stance = 'oppose' | 'support' | 'neutral';
export type Voice = 'public' | 'gov' | 'media' | 'company' | 'foreign';
/** Stretches of the timeline; each has its own event context lines. */
export type Phase = 'vote' | 'law' | 'appeal' | 'scotus' | 'dark' | 'pause' | 'deal';

type ByStance = Record<Stance, readonly string[]>;
/** Whose lines: a voice, or RedNote, whose company account speaks unlike TikTok's. */
export type ArgKey = Voice | 'rednote';

export interface LangTexts {
  opener: Partial<Record<Voice, readonly string[]>>;
  context: Record<Phase, readonly string[]>;
  args: Partial<Record<ArgKey, ByStance>>;
  /** Lines that only make sense once RedNote took off (2025-01-13); mixed in from then on. */
  late: Partial<Record<ArgKey, Partial<ByStance>>>;
  tail: ByStance;
  tags: ByStance;
  emoji: ByStance;
}

const EN: LangTexts = {
  opener: {
    public: ['Ok so.', 'Honestly?', 'Hot take:', 'Unpopular opinion:', 'Not gonna lie:', 'Real talk:', 'PSA:', "Y'all.",
      'Thread:', 'Friendly reminder:', 'Look:', 'Serious question:', 'Can we talk about this?', 'Me again.', 'Day 3 of saying it:'],
    gov: ['Statement:', 'Today:', 'To my constituents:', 'Update:', 'On the floor today:', 'My view:'],
    media: ['NEW:', 'BREAKING:', 'ANALYSIS:', 'Explainer:', 'LIVE:', 'Opinion:', 'Read more:'],
    company: ['Statement:', 'An update for our community:', 'To everyone who uses our app:'],
    foreign: ['Spokesperson:', 'Our position is clear.', 'Comment:'],
  },
  context: {
    vote: ['The House just passed the TikTok bill 352-65.', 'Congress is rushing the TikTok bill through.',
      'The divest-or-ban bill for TikTok is on the floor this week.', 'Phones in Congress are ringing nonstop about TikTok.'],
    law: ['The TikTok bill is now law.', 'ByteDance has 270 days to sell TikTok.', 'TikTok is suing to stop the law.',
      'The TikTok divestiture clock is ticking.'],
    appeal: ['The D.C. Circuit upheld the TikTok law.', 'The Supreme Court agreed to hear the TikTok case.',
      'The TikTok deadline is January 19.', 'Lawyers for TikTok asked the Supreme Court for an emergency pause.'],
    scotus: ['The Supreme Court heard TikTok v. Garland today.', 'RedNote is #1 in the App Store right now.',
      'TikTok users are calling themselves TikTok refugees.', 'Xiaohongshu is suddenly full of Americans.'],
    dark: ['The Supreme Court upheld the TikTok law.', 'TikTok just went dark in the US.', 'TikTok is back online, for now.',
      'The TikTok app shows a shutdown notice.'],
    pause: ['An executive order paused the TikTok ban for 75 days.', 'TikTok is back, but the 75-day clock is running.',
      'TikTok is still missing from the app stores.', 'Nobody seems sure whether TikTok is banned right now.'],
    deal: ['Another extension for TikTok.', 'Talk of a TikTok joint venture deal again.', 'The TikTok deadline got pushed again.',
      'Still no final TikTok deal.', 'New reporting on who might buy TikTok.'],
  },
  args: {
    public: {
      oppose: ['Banning TikTok is an attack on free speech.', 'This is a First Amendment issue, plain and simple.',
        'Millions of creators and small businesses depend on TikTok for their livelihood.',
        'Meta sells our data to data brokers every day, so what about Meta?', 'The hypocrisy is unreal, Facebook harvested our data for years.',
        'They have my data anyway, every app does.', 'This ban is government overreach.', 'The law is unconstitutional and everyone knows it.',
        'Feels like a moral panic more than a real threat.', "Don't ban TikTok, pass a privacy law that covers every app.",
        'My shop makes most of its sales on TikTok.', 'Stop the ban and fix data privacy for real.', 'Nobody I know asked for this. Save TikTok.',
        'Censorship with extra steps.', 'Instagram and Google already track everything we do.',
        'Small creators like me will lose our income overnight.', 'I learned more on TikTok than on any other app.'],
      support: ['TikTok is a national security threat, the ban is overdue.',
        'An app run from a foreign adversary should not sit on 170 million phones.', 'ByteDance answers to the Chinese Communist Party.',
        "Divest or get out, that's a fair deal.", 'It is basically spyware with dance videos.', 'Protect our kids from that algorithm, ban TikTok.',
        'Good riddance, the app is bad for attention spans.', 'The courts upheld it, now enforce the law.',
        'Sending our data to Beijing was never okay.', 'CCP propaganda should not shape what teenagers see.',
        'Sell it to an American company and the problem goes away.'],
      neutral: ['Honestly not sure how I feel about the TikTok situation.', 'Can someone explain what the TikTok divest deadline means?',
        'What happens to my TikTok drafts if the app goes away?',
        'Reading up on the court filings in the TikTok case.', 'Lemon8 is also owned by ByteDance, by the way.',
        'Who would even buy TikTok? Oracle? A joint venture?', "China worries me in general, but I can't tell about this TikTok law.",
        'Half my feed is about TikTok today.', 'Downloaded my TikTok videos just in case.', 'Watching the TikTok news roll in.'],
    },
    gov: {
      support: ['TikTok remains a national security threat controlled by a foreign adversary.',
        'ByteDance must divest. This law protects Americans, not Beijing.', "Americans' data should never flow to the Chinese Communist Party.",
        'Divestiture is the only path forward for TikTok in America.', 'Our kids deserve protection from a foreign adversary-controlled app.',
        'Enforce the law as written.', 'TikTok had years to divest and chose not to.',
        'This is not about speech; it is about cutting ties with a foreign adversary.', 'The law passed with overwhelming bipartisan support.'],
      oppose: ['Banning TikTok tramples on the First Amendment rights of 170 million Americans.', 'I voted no: this is government overreach.',
        'We should pass comprehensive privacy legislation instead of banning one app.',
        'Creators and small businesses in my district rely on TikTok for their livelihood.', 'Shutting down a speech platform is unconstitutional.'],
      neutral: ['Our office has received many calls about the TikTok law; here is what it does.',
        'Read the Protecting Americans from Foreign Adversary Controlled Applications Act in full.',
        'Hearing notice: the committee will examine data security and TikTok.', 'A short Q&A for constituents on the TikTok deadline.',
        'An update on the status of TikTok enforcement.'],
    },
    media: {
      neutral: ['What the TikTok law does, and what happens next.', 'Who could buy TikTok, and at what price?',
        'Creators brace for a possible TikTok shutdown.', 'Downloads of RedNote surge as TikTok users look for alternatives.',
        'The legal questions behind the TikTok case.', 'TikTok says it will comply with the law while it appeals.',
        'How ByteDance and Washington got here.', 'Inside the scramble to save TikTok before the deadline.'],
      oppose: ['The TikTok ban is a mistake for free speech.', 'Banning an app will not fix data privacy.'],
      support: ['Congress is right to force a sale of TikTok.', 'The national security case against TikTok is strong.'],
    },
    company: {
      oppose: ['This unconstitutional law would silence 170 million Americans.', 'We will keep fighting for your right to free speech.',
        'Creators and small businesses: we are not going anywhere.', 'We will challenge this ban in court.'],
      neutral: ['We are working with the administration on a solution to keep TikTok available in the US.',
        'Thank you for your patience while service is restored.', 'ByteDance has no plans to sell TikTok.'],
      support: ['We will comply with the law of every market we operate in.'],
    },
    rednote: {
      oppose: ['Welcome, TikTok refugees: make yourselves at home on RedNote!'],
      neutral: ['Welcome to RedNote, new friends from TikTok!', 'We are adding translation so new and old users can talk.',
        'Thank you for your patience while we scale up for all the new users.'],
      support: ['RedNote follows the laws of every market it operates in.'],
    },
    foreign: {
      oppose: ['The US has never proven that TikTok threatens its national security.',
        'Using state power to suppress a foreign company is bullying.', 'The double standard on TikTok is plain for all to see.',
        'China will firmly safeguard the lawful rights of its companies.'],
      neutral: ['We have noted the reports on TikTok.', 'The US should give foreign companies an open, fair and non-discriminatory environment.'],
      support: ['Every country has the right to regulate apps, within the rules of fair competition.'],
    },
  },
  late: {
    public: {
      oppose: ["If they ban TikTok I'm moving to RedNote.", 'Just downloaded RedNote out of pure spite.', 'See you on RedNote, Congress.',
        'Off to RedNote with the rest of the TikTok refugees.', 'Joined RedNote today and everyone is so kind.'],
      neutral: ['RedNote is confusing but the cat pictures are great.', 'Trying to figure out RedNote with a translation app.'],
    },
    foreign: { neutral: ['We welcome American friends on Xiaohongshu; people-to-people exchange matters.'] },
  },
  tail: {
    oppose: ['This is so frustrating.', "I'm furious.", 'Unbelievable.', 'We deserve better.', 'So sad for everyone who built something there.',
      'Ridiculous.', 'Shameful.', 'I hate this.'],
    support: ['About time.', 'Good.', 'Long overdue.', 'Finally some common sense.', 'Proud of this.', 'Glad to see it.'],
    neutral: ["We'll see.", 'Interesting times.', 'Wild week.', 'Stay tuned.', 'Hmm.', 'More soon.'],
  },
  tags: {
    oppose: ['#SaveTikTok', '#KeepTikTok', '#TikTokRefugee', '#NoTikTokBan', '#FreeSpeech', '#RedNote'],
    support: ['#BanTikTok', '#NationalSecurity', '#ProtectAmericans', '#Divest'],
    neutral: ['#TikTok', '#TikTokBan', '#RedNote', '#SCOTUS', '#TechPolicy'],
  },
  emoji: { oppose: ['😡', '😭', '💔', '🙄', '✊'], support: ['🇺🇸', '👍', '✅', '🔒'], neutral: ['🤔', '👀', '📱', '🍿'] },
};

const ZH: LangTexts = {
  opener: { public: ['哈哈哈，', '说真的，', '家人们，', '刚刚刷到：', '今天，', '笑死，'], foreign: ['外交部发言人表示：', '发言人指出：'],
    company: ['小红书官方：'] },
  context: {
    vote: ['美国众议院通过了TikTok法案。'], law: ['美国的TikTok法案已经签署生效。'], appeal: ['美国上诉法院维持了TikTok法案。'],
    scotus: ['最近小红书上来了好多美国网友。', '小红书登上了美国应用商店第一名。'],
    dark: ['TikTok在美国停服了。', '美国最高法院维持了TikTok禁令。', 'TikTok在美国又恢复了。'],
    pause: ['TikTok暂缓执行75天。', '小红书上的美国网友还在。'], deal: ['TikTok又延期了。', '听说TikTok在谈合资。', '小红书上的美国网友还在。'],
  },
  args: {
    public: {
      oppose: ['说好的言论自由呢？双标太明显了。', '禁TikTok就是双标，Meta收集的数据少吗？', 'TikTok禁令太荒唐了，反对禁令。'],
      neutral: ['字节跳动到底会不会出售TikTok？', '美国真的会禁TikTok吗？', 'TikTok的事越闹越大了。'],
      support: ['数据安全确实是国家安全问题，能理解美国的担心。', '我觉得美国支持禁令也有它的道理。'],
    },
    foreign: {
      oppose: ['美方泛化国家安全概念，打压别国企业。', '我们反对美方滥用国家力量打压TikTok。', '中方将坚决维护中国企业的正当权益。',
        '公平竞争的原则在哪里？双标暴露无遗。'],
      neutral: ['我们注意到有关TikTok的报道。'],
      support: ['各国都有权依法监管应用程序，但应遵守公平竞争原则。'],
    },
    rednote: {
      neutral: ['欢迎来自TikTok的新朋友！', '小红书正在加紧上线翻译功能。'], oppose: ['欢迎各位美国新用户来小红书安家。'], support: ['小红书将遵守各地法律法规。'],
    },
  },
  late: {
    public: {
      oppose: ['欢迎TikTok难民来到小红书！', '美国网友们好，欢迎来小红书玩！', '热烈欢迎美国难民，记得交猫税。', '小红书一夜之间全是英文帖子，太好玩了！',
        '第一次和美国网友聊天，大家都很友好。', '欢迎欢迎，小红书永远欢迎你们！'],
      neutral: ['中美网友开始对账了，房租和医疗费差太多。', '美国网友在小红书帮我改英语作业。', '小红书要不要出个翻译功能？',
        '这波TikTok难民能留多久呢？', '美国网友问我中国的物价，聊了一晚上。'],
    },
    foreign: { neutral: ['欢迎美国网友来小红书交流。'] },
  },
  tail: { oppose: ['太离谱了！', '支持你们！', '加油！'], support: ['可以理解。', '有道理。'], neutral: ['有意思。', '拭目以待。', '吃瓜中。'] },
  tags: { oppose: ['#TikTok难民', '#小红书', '#美国难民'], support: ['#国家安全'], neutral: ['#中美网友对账', '#小红书', '#TikTok'] },
  emoji: { oppose: ['🐱', '🙌', '❤️', '🎉'], support: ['🤔'], neutral: ['😂', '🍉', '👀'] },
};

export const TEXTS: Record<Lang, LangTexts> = { en: EN, zh: ZH };
