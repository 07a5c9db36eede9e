import { postRow, type TestPost } from './posts.ts';

/**
 * A small corpus whose trends are worked out by hand in the tests. 2024-06-03 and 2024-06-10
 * are Mondays. Post r1 was re-scored: its first version (public, oppose_ban) is retracted with
 * a sign -1 copy and replaced by version 2 (public, support_ban), as the analyze writer does.
 */
export const CORPUS: TestPost[] = [
  { id: 'g1', created_at: '2024-06-03T09:00:00Z', actor: 'us_government', stance: 'support_ban', sentiment: 'negative', sentiment_score: -0.5, topics: ['national_security'] },
  { id: 'p1', created_at: '2024-06-03T10:15:00Z', actor: 'public', stance: 'oppose_ban', sentiment: 'positive', sentiment_score: 0.5, topics: ['free_speech'] },
  { id: 'p2', created_at: '2024-06-03T11:00:00Z', actor: 'public', stance: 'oppose_ban', sentiment: 'negative', sentiment_score: -0.25, topics: ['free_speech', 'national_security'], lang: 'zh' },
  { id: 'g2', created_at: '2024-06-03T15:00:00Z', actor: 'us_government', stance: 'neutral', sentiment: 'neutral', sentiment_score: 0.25 },
  { id: 'p3', created_at: '2024-06-03T23:59:59Z', actor: 'public', stance: 'support_ban', sentiment: 'positive', sentiment_score: 0.5, topics: ['national_security'], source: 'file', synthetic: false },
  { id: 'p4', created_at: '2024-06-04T00:00:00Z', actor: 'public', stance: 'oppose_ban', sentiment: 'positive', sentiment_score: 1, topics: ['free_speech'] },
  { id: 'r1', created_at: '2024-06-04T12:00:00Z', actor: 'public', stance: 'oppose_ban', sentiment: 'positive', sentiment_score: 0.5, model_version: 'lexicon-0', version: 1 },
  { id: 'p5', created_at: '2024-06-09T23:30:00Z', actor: 'public', stance: 'neutral', sentiment: 'neutral', sentiment_score: 0 },
  { id: 'g3', created_at: '2024-06-10T00:00:00Z', actor: 'us_government', stance: 'support_ban', sentiment: 'negative', sentiment_score: -1, topics: ['national_security'] },
];

const r1 = CORPUS.find((p) => p.id === 'r1')!;

/** The re-scoring of r1: the retraction of version 1 and version 2, inserted together. */
export const RESCORE: TestPost[] = [
  { ...r1, sign: -1 },
  { ...r1, stance: 'support_ban', sentiment: 'negative', sentiment_score: -0.25, model_version: 'lexicon-2', version: 2 },
];

export const corpusRows = () => CORPUS.map(postRow);
export const rescoreRows = () => RESCORE.map(postRow);
