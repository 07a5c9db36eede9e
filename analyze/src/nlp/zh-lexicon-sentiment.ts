/**
 * Rule-based Chinese sentiment from a small hand-made word list, used when no trained model
 * is shipped. Words are found as substrings (no segmenter); a negator just before a word
 * (不好, 没有意思) flips it.
 */
import type { SentimentResult } from './lexicon-sentiment.ts';

const POSITIVE = [
  '好', '喜欢', '爱', '棒', '赞', '开心', '高兴', '快乐', '满意', '不错', '感谢', '谢谢', '支持', '欢迎', '推荐', '美味',
  '好吃', '漂亮', '可爱', '优秀', '精彩', '厉害', '幸福', '温暖', '舒服', '方便', '划算', '值得', '完美', '友好', '哈哈', '嘻嘻',
  '加油', '希望', '感动', '自由', '[哈哈]', '[爱你]', '[good]', '[赞]', '[心]', '[太开心]', '[嘻嘻]',
];
const NEGATIVE = [
  '差', '坏', '烂', '讨厌', '失望', '难过', '伤心', '垃圾', '恶心', '生气', '愤怒', '糟糕', '难吃', '太慢', '慢', '贵', '骗',
  '骂', '可怕', '害怕', '担心', '痛苦', '无语', '郁闷', '后悔', '问题', '投诉', '不满', '可恶', '无耻', '虚伪', '双标',
  '审查', '禁止', '封禁', '抓狂', '[泪]', '[怒]', '[抓狂]', '[衰]', '[伤心]', '[生病]', '[哼]', '[鄙视]',
];
const NEGATORS = ['不', '没', '没有', '别', '无', '非', '未'];

const words: { text: string; value: number }[] = [
  ...POSITIVE.map((text) => ({ text, value: 1 })),
  ...NEGATIVE.map((text) => ({ text, value: -1 })),
].sort((a, b) => b.text.length - a.text.length);

export class ZhLexiconSentiment {
  score(folded: string): SentimentResult {
    let sum = 0;
    let hits = 0;
    const taken = new Uint8Array(folded.length);
    for (const { text, value } of words) {
      let from = 0;
      for (;;) {
        const at = folded.indexOf(text, from);
        if (at < 0) break;
        from = at + text.length;
        if (taken[at]) continue;
        taken.fill(1, at, at + text.length);
        const before = folded.slice(Math.max(0, at - 2), at);
        const negated = NEGATORS.some((n) => before.endsWith(n)) && !text.startsWith('不');
        sum += negated ? -0.8 * value : value;
        hits++;
      }
    }
    if (hits === 0) return { label: 'neutral', score: 0, confidence: 0.55 };
    const score = sum / Math.sqrt(sum * sum + 2);
    const label = score >= 0.2 ? 'positive' : score <= -0.2 ? 'negative' : 'neutral';
    return { label, score: Math.round(score * 1000) / 1000, confidence: Math.round((0.5 + 0.4 * Math.abs(score)) * 1000) / 1000 };
  }
}
