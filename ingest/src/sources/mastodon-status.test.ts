// Statuses from a recorded Mastodon response (Mastodon.py's test cassettes: a poll, an edited
// status), mapped and, for an edit, sent through the real queue, worker and ClickHouse.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTS_TABLE, REPO_ROOT, sql, TRENDS_HOURLY_TABLE } from '@rift/core';
import { startTestPipeline, type TestPipeline } from '@rift/testing/pipeline';
import { feed } from '../feed.ts';
import { RelevanceFilter } from '../relevance.ts';
import { statusToPost } from './mastodon-status.ts';

type Status = Record<string, unknown> & { id: string; content: string };
const recorded = (JSON.parse(readFileSync(path.resolve(REPO_ROOT, '../shared/data/samples/mastodon/timeline-public-anonymous.json'), 'utf8')) as { body: Status[] }).body;
const byId = (id: string) => structuredClone(recorded.find((s) => s.id === id)!);
const POLL = '117020582721532745';
const EDITED = '117020586180926938';

const postOf = (status: unknown) => {
  const mapped = statusToPost(status, 'mastodon-test', 'localhost');
  if (!('post' in mapped)) throw new Error(JSON.stringify(mapped));
  return mapped.post;
};

describe('Mastodon statuses as the API sends them', () => {
  it("keeps a poll's options in the author's text", () => {
    expect(postOf(byId(POLL)).text).toBe('nice\n\nPoll: four twenty / sixty-nine');
  });

  it('keeps a quoted status and media descriptions apart from the author’s words, where the topic match reads them', () => {
    const status = byId(EDITED);
    status.content = '<p>Well, this aged well</p>';
    const quoted = byId(POLL);
    quoted.content = '<p>Congress will ban TikTok by January</p>';
    status.quote = { state: 'accepted', quoted_status: quoted };
    status.media_attachments = [
      { id: '1', type: 'image', url: 'https://files.example/1.png', description: 'Screenshot of the RedNote app store ranking' },
      { id: '2', type: 'image', url: 'https://files.example/2.png', description: null },
    ];
    const post = postOf(status);
    expect(post.text).toBe('Well, this aged well');
    expect(post.context_text).toBe('Quoting @admin: Congress will ban TikTok by January\n\n[image: Screenshot of the RedNote app store ranking]');
    const relevance = new RelevanceFilter({ relevance_terms: ['tiktok', 'rednote'] } as never);
    expect(relevance.apply(post)?.matched_terms).toEqual(expect.arrayContaining(['tiktok', 'rednote']));
  });
});

describe('an edited status, through the real pipeline', () => {
  let pipeline: TestPipeline;
  beforeAll(async () => {
    pipeline = await startTestPipeline();
  });
  afterAll(() => pipeline?.close());

  it('replaces the stored row with the edit and scores it again, once', async () => {
    const first = byId(EDITED);
    first.edited_at = null;
    first.content = '<p>Banning TikTok is the right call, good riddance</p>';
    await feed([{ post: postOf(first) }], pipeline.producer(), 'mastodon-test');
    await pipeline.drained();
    // The recorded edit: same id, edited_at set, new content.
    const edit = byId(EDITED);
    edit.content = '<p>I was wrong: banning TikTok is censorship and I oppose the ban</p>';
    const producer = pipeline.producer();
    await feed([{ post: postOf(edit) }, { post: postOf(edit) }], producer, 'mastodon-test');
    expect(producer.stats).toMatchObject({ accepted: 1, duplicates: 1 });
    await pipeline.drained();
    const db = pipeline.db.clickhouse;
    const rows = await db.query<{ text: string; stance: string }>(
      sql`SELECT text, toString(stance) AS stance FROM ${db.table(POSTS_TABLE)} FINAL WHERE sign = 1 AND id = ${EDITED}`,
    );
    expect(rows).toEqual([{ text: 'I was wrong: banning TikTok is censorship and I oppose the ban', stance: pipeline.analyzer.analyze({ ...postOf(edit), matched_terms: [] } as never).stance.label }]);
    const rollup = await db.query<{ n: string }>(sql`SELECT sumMerge(posts) AS n FROM ${db.table(TRENDS_HOURLY_TABLE)}`);
    expect(Number(rollup[0]!.n)).toBe(1);
  });
});
