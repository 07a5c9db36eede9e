import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countPosts, DeadLetters, POSTS_TABLE, sql } from '@rift/core';
import { startTestPipeline, type TestPipeline } from '@rift/testing/pipeline';
import { SourceStateStore } from '../source-state.ts';
import { times } from '@rift/testing/fixture-server';
import { runConnector } from '@rift/testing/run-connector';
import { createFederalRegisterSource, federalRegisterDocumentToPost } from './federal-register.ts';
import { frDocument, replies, startFederalRegisterFixture, type FederalRegisterFixture } from './federal-register.fixture.ts';

/** Five matching documents, two a page: four good ones and one without a document number. */
function register() {
  const { document_number: _dropped, ...noNumber } = frDocument('x', '2020-09-01', 'Prohibiting transactions with TikTok', null, 'TikTok');
  return [
    frDocument('2025-01234', '2025-01-19', 'Application of the Act to TikTok', null, 'The Act applies to TikTok and ByteDance.', true),
    frDocument('2025-00999', '2025-01-17', 'Information and Communications Technology Supply Chain', 'Commerce requests comments.', 'Commerce asks about apps such as TikTok and others.'),
    frDocument('2024-08888', '2024-04-26', 'Protecting Americans from Foreign Adversary Controlled Applications Act', null, 'ByteDance, TikTok', true),
    noNumber,
    frDocument('2020-17699', '2020-08-11', 'Addressing the Threat Posed by TikTok', 'Executive Order 13942 of August 6, 2020', 'TikTok', true),
    frDocument('2024-00001', '2024-02-02', 'Fisheries of the Exclusive Economic Zone', 'Quota transfer.', 'Nothing about apps.'),
  ];
}

describe('federal-register source, through the real pipeline', () => {
  let pipeline: TestPipeline;
  let fixture: FederalRegisterFixture;
  let states: SourceStateStore;
  let clock = Date.parse('2025-01-20T15:00:00Z');

  beforeEach(async () => {
    pipeline = await startTestPipeline();
    states = new SourceStateStore(pipeline.redis, pipeline.prefix);
    fixture = await startFederalRegisterFixture();
    fixture.documents.push(...register());
    clock = Date.parse('2025-01-20T15:00:00Z');
  });
  afterEach(async () => {
    await fixture.close();
    await pipeline.close();
  });

  const run = async () => (await runConnector(pipeline, createFederalRegisterSource({ baseUrl: fixture.baseUrl, perPage: 2, now: () => clock }))).outcome;
  const stored = () => countPosts(pipeline.db.clickhouse);
  const pagesAsked = () => fixture.requests.map((u) => Number(u.searchParams.get('page')));

  it('stores each TikTok document once as a government statement, then polls from the newest day', async () => {
    expect(await run()).toMatchObject({ pages: 3, postsIn: 4, postsOut: 4 });
    expect(await stored()).toBe(4);
    const first = fixture.requests[0]!;
    expect(Object.fromEntries(first.searchParams)).toMatchObject({
      'conditions[term]': 'TikTok',
      'conditions[publication_date][gte]': '2020-01-01',
      'conditions[publication_date][lte]': '2025-01-20',
      order: 'newest',
      page: '1',
    });
    const letters = await new DeadLetters(pipeline.redis, pipeline.prefix).list(0, 10);
    expect(letters.map((l) => l.reason)).toEqual(['federal-register: document has no document_number']);
    expect(JSON.parse((await states.get('federal-register')).cursor!)).toEqual({ newest: '2025-01-19' });

    const rows = await pipeline.db.clickhouse.query<{ id: string; author_handle: string; author_verified_domain: string; actor: string; text: string }>(
      sql`SELECT id, author_handle, author_verified_domain, toString(actor) AS actor, text FROM ${pipeline.db.clickhouse.table(POSTS_TABLE)} FINAL ORDER BY id`,
    );
    expect(rows.map((r) => r.actor)).toEqual(['us_government', 'us_government', 'us_government', 'us_government']);
    const notice = rows.find((r) => r.id === '2025-00999')!;
    expect(notice.author_handle).toBe('commerce-department');
    expect(notice.author_verified_domain).toBe('federalregister.gov');
    expect(notice.text).toContain('Commerce requests comments.\n\n… Commerce asks about apps such as TikTok');

    fixture.requests.length = 0;
    fixture.documents.push(frDocument('2025-01500', '2025-01-21', 'Extension for TikTok divestiture', null, 'TikTok', true));
    clock = Date.parse('2025-01-22T15:00:00Z');
    expect(await run()).toMatchObject({ pages: 1, postsOut: 2 });
    expect(fixture.requests[0]!.searchParams.get('conditions[publication_date][gte]')).toBe('2025-01-19');
    expect(await stored()).toBe(5);
  });

  it('resumes at the saved page after failing on page 3, and a replay adds nothing', async () => {
    fixture.interceptors.push((url) => (url.searchParams.get('page') === '3' ? replies.serverError() : undefined));
    expect((await run()).error).toMatch(/HTTP 503/);
    expect(await stored()).toBe(3);

    fixture.interceptors.length = 0;
    fixture.requests.length = 0;
    expect((await run()).error).toBeUndefined();
    expect(pagesAsked()).toEqual([3]);
    expect(fixture.requests[0]!.searchParams.get('conditions[publication_date][lte]')).toBe('2025-01-20');
    expect(await stored()).toBe(4);

    await states.update('federal-register', (s) => ({ ...s, cursor: null }));
    expect(await run()).toMatchObject({ pages: 3 });
    expect(await stored()).toBe(4);
  });

  it('waits out a 429 for its Retry-After and retries 503s and cut-off JSON', async () => {
    const page = (n: string) => (url: URL) => url.searchParams.get('page') === n;
    fixture.interceptors.push(times(1, replies.tooMany(1), page('1')), times(1, replies.serverError(), page('2')), times(1, replies.truncated(), page('3')));
    const started = Date.now();
    expect((await run()).error).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(pagesAsked()).toEqual([1, 1, 2, 2, 3, 3]);
    expect(await stored()).toBe(4);
  });

  it('fails the run on a 400 without retrying and records it in the source state', async () => {
    fixture.interceptors.push(() => replies.badRequest());
    expect((await run()).error).toMatch(/HTTP 400/);
    expect(fixture.requests).toHaveLength(1);
    const state = await states.get('federal-register');
    expect(state).toMatchObject({ errors: 1, consecutive_failures: 1, cursor: null });
    expect(state.last_error).toMatch(/HTTP 400/);
    expect(await stored()).toBe(0);
  });
});

describe('federal register documents with several agencies', () => {
  it('names every agency, the first as the handle, including one known only by its raw name', () => {
    const result = federalRegisterDocumentToPost({
      document_number: '2025-00934',
      title: 'Addition of Entities to the Entity List',
      type: 'Rule',
      abstract: 'Concerns applications including TikTok.',
      publication_date: '2025-01-16',
      agencies: [
        { raw_name: 'DEPARTMENT OF COMMERCE', name: 'Commerce Department', id: 54, slug: 'commerce-department' },
        { raw_name: 'BUREAU OF INDUSTRY AND SECURITY', name: 'Industry and Security Bureau', id: 241, slug: 'industry-and-security-bureau' },
        { raw_name: 'OFFICE OF THE SECRETARY' },
      ],
    });
    expect('post' in result && result.post.author).toEqual({
      handle: 'commerce-department',
      name: 'Commerce Department; Industry and Security Bureau; OFFICE OF THE SECRETARY',
      description: 'US federal agencies: Commerce Department; Industry and Security Bureau; OFFICE OF THE SECRETARY, publishing a Rule in the Federal Register',
      verified_domain: 'federalregister.gov',
    });
  });
});
