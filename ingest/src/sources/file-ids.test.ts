import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@rift/core';
import { readPostsFromFile, type ReadFileOptions } from './file.ts';
import { checkFileIds, describeIdConflicts } from './file-ids.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rift-file-ids-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function fixture(name: string, content: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

async function postsOf(file: string, options: ReadFileOptions = {}) {
  const out = [];
  for await (const row of readPostsFromFile(file, options)) if ('post' in row) out.push(row.post);
  return out;
}

/** Real tweets about TikTok (2022), as the Twitter API gave them: text with &amp; and &lt;. */
const SAMPLE = path.join(REPO_ROOT, '../shared/data/samples/twitter/tiktok-tweets-2022.jsonl');

describe('ids within one file', () => {
  it('stops on ids a spreadsheet rounded, naming the ids and their lines', async () => {
    const rows = ['tweet_id,text,date', '1.54E+18,first tweet about tiktok,2022-07-02', '1.54E+18,second one,2022-07-02', '1.54E+18,third one,2022-07-03', '1544000000000000004,fine,2022-07-03'];
    const file = await fixture('rounded.csv', `${rows.join('\n')}\n`);
    const options = { map: { id: 'tweet_id', created_at: 'date' } };
    const check = await checkFileIds(file, options);
    expect(check.conflictingIds).toBe(1);
    expect(check.conflicts).toEqual([{ id: '1.54E+18', lines: [2, 3, 4] }]);
    const message = describeIdConflicts(check, 'tweet_id');
    expect(message).toMatch(/^ids must be unique within a file, but 1 id is shared by rows with different content \(column "tweet_id"\): "1\.54E\+18" \(lines 2, 3, 4\)\. Nothing was queued\./);
    expect(message).toMatch(/rounded by a spreadsheet/);
  });

  it('lets a row that repeats the same post through as a counted repeat, not a conflict', async () => {
    const line = JSON.stringify({ id: 'a', text: 'TikTok ban vote today', created_at: '2024-03-13T15:00:00Z' });
    const other = JSON.stringify({ id: 'b', text: 'RedNote it is', created_at: '2025-01-13T15:00:00Z' });
    const file = await fixture('repeat.jsonl', [line, other, line, line].join('\n'));
    const check = await checkFileIds(file);
    expect(check).toEqual({ repeatLines: new Set([3, 4]), conflicts: [], conflictingIds: 0 });
  });
});

describe('derived ids', () => {
  it('hash the mapped fields only: two text columns of one row are two posts, the same mapping twice is one', async () => {
    const file = await fixture('two-texts.csv', 'headline,body,date,unrelated\nTikTok banned?,Congress votes today on the bill,2024-03-13,x\n');
    const [headline] = await postsOf(file, { map: { text: 'headline', created_at: 'date' } });
    const [body] = await postsOf(file, { map: { text: 'body', created_at: 'date' } });
    const [again] = await postsOf(file, { map: { text: 'body', created_at: 'date' } });
    expect(headline!.id).toMatch(/^sha256-[0-9a-f]{32}$/);
    expect(body!.id).not.toBe(headline!.id);
    expect(again!.id).toBe(body!.id);
    // A column the mapping does not use does not change the id.
    const changed = await fixture('two-texts-changed.csv', 'headline,body,date,unrelated\nTikTok banned?,Congress votes today on the bill,2024-03-13,y\n');
    expect((await postsOf(changed, { map: { text: 'body', created_at: 'date' } }))[0]!.id).toBe(body!.id);
  });
});

describe('Twitter-escaped text', () => {
  it('decodes &amp; &lt; &gt; in real tweets once, and leaves other text alone', async () => {
    const lines = (await readFile(SAMPLE, 'utf8')).split('\n').filter((l) => l.includes('&lt;CHECKMATE&gt;') || l.includes('mikepompeo'));
    const file = await fixture('tweets.jsonl', `${lines.join('\n')}\n`);
    const posts = await postsOf(file, { map: { id: 'fixture_id', 'author.handle': 'author.username', 'engagement.likes': 'like_count' } });
    const itzy = posts.find((p) => p.text!.includes('CHECKMATE'))!;
    expect(itzy.text).toContain('ITZY <CHECKMATE> TITLE TRACK');
    expect(itzy.text).toContain('PRE-SAVE & PRE-ORDER');
    expect(itzy.text).not.toMatch(/&(amp|lt|gt);/);
    const pompeo = posts.find((p) => p.author!.handle === 'mikepompeo')!;
    expect(pompeo.text).toMatch(/^TikTok is in the grip of the Chinese Communist Party\./);
    const once = await fixture('escaped-twice.jsonl', `${JSON.stringify({ id: 'e', text: 'write &amp;lt; for <', created_at: '2022-07-02T00:00:00Z' })}\n`);
    expect((await postsOf(once))[0]!.text).toBe('write &lt; for <');
  });
});
