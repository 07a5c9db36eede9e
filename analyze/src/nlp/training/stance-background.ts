/**
 * Posts that take no position on the ban, for the stance model to learn what "no position"
 * looks like outside quoted statements. Every training statement is about the ban, so without
 * them the model never sees a post that is not, and it gave a side to 44% of ordinary 2022
 * tweets that merely mention TikTok ("just saw a tiktok of a dog"): the app's name, a warm word
 * about it or a platform name were enough.
 *
 * The rows come from the sentiment training files only (`*-train`): SemEval tweets of 2013-2016
 * and Chinese reviews and Weibo posts of the same era, all written years before the ban was
 * debated (2020 on), so none of them can hold a position on it. English tweets that name another
 * platform get that name replaced by TikTok or RedNote once, so app chatter is represented;
 * tweets with words of the debate (ban, law, security, China, privacy...) are never rewritten,
 * since a rewritten "Facebook should be banned" would read as a position.
 */
import { seededRandom } from '@rift/core';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BACKGROUND_PAGE, type Statement } from './train-stance.ts';

export const STANCE_BACKGROUND_FILES = { en: 'en/sentiment-train.jsonl', zh: 'zh/sentiment-train.jsonl' } as const;

/** How many general posts are drawn from each file (all platform tweets are taken besides). */
const GENERAL = { en: 400, zh: 200 } as const;
const SEED = 20261204;
const PLATFORM = /\b(facebook|instagram|youtube|snapchat|twitter|vine|whatsapp|myspace|tumblr)\b/i;
const DEBATE_WORDS = /\b(ban|bann|law|congress|senat|government|security|spy|spies|china|chinese|privacy|data|censor|free speech|illegal)/i;
/** TikTok three times in four, RedNote once: the ban's app and the one its users moved to. */
const SUBSTITUTES = ['TikTok', 'TikTok', 'TikTok', 'RedNote'] as const;

function readTexts(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

/** The background rows, labelled neutral, the same ones on every run. */
export function readStanceBackground(dataDir: string): Statement[] {
  const random = seededRandom(SEED);
  const draw = (texts: readonly string[], n: number): number[] => Array.from({ length: n }, () => Math.floor(random() * texts.length));
  const en = readTexts(path.join(dataDir, STANCE_BACKGROUND_FILES.en));
  const zh = readTexts(path.join(dataDir, STANCE_BACKGROUND_FILES.zh));
  const row = (lang: 'en' | 'zh', line: number, text: string): Statement => ({ text, lang, stance: 'neutral', source_url: `${BACKGROUND_PAGE}${lang}:${line}` });
  const rows: Statement[] = draw(en, GENERAL.en).map((i) => row('en', i, en[i]!));
  en.forEach((text, i) => {
    if (!PLATFORM.test(text) || DEBATE_WORDS.test(text)) return;
    rows.push(row('en', i, text.replace(PLATFORM, SUBSTITUTES[Math.floor(random() * SUBSTITUTES.length)]!)));
  });
  for (const i of draw(zh, GENERAL.zh)) rows.push(row('zh', i, zh[i]!));
  return rows;
}

/**
 * Real tweets of 2022 that mention TikTok (the fixtures' sample, unlabelled, mostly not about the
 * ban), never trained on: the training report gives the share of them the model calls a side.
 */
export const STANCE_CHECK_FILE = 'samples/twitter/tiktok-tweets-2022.jsonl';

export function readStanceCheck(dataDir: string): { file: string; texts: string[] } | undefined {
  const file = path.join(dataDir, STANCE_CHECK_FILE);
  return existsSync(file) ? { file: STANCE_CHECK_FILE, texts: readTexts(file) } : undefined;
}
