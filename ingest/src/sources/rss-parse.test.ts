import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText, joinText } from '../html-text.ts';
import { parseFeed } from './rss-parse.ts';
import { feedEntryToPost, undatedTime } from './rss.ts';
import { parseXml, XmlError } from './rss-xml.ts';

describe('htmlToText on feed content', () => {
  it('keeps words and paragraph breaks, drops markup, scripts and comments', () => {
    const html = '<p>Ban <a href="x">TikTok</a>?<br>No!</p><!-- hidden --><script>alert(1)</script><ul><li>one</li><li>two</li></ul>';
    expect(htmlToText(html)).toBe('Ban TikTok?\nNo!\n\none\ntwo');
  });

  it('leaves a plain "<" that is not a tag, and decodes entities once', () => {
    expect(htmlToText('a < b &amp;&amp; c &gt; d')).toBe('a < b && c > d');
    expect(decodeEntities('&#x5C0F;&#32418;&#20070; &bogus; &#xD800;')).toBe('小红书 &bogus; &#xD800;');
  });

  it('does not repeat a body equal to the title', () => {
    expect(joinText('TikTok', 'TikTok')).toBe('TikTok');
    expect(joinText('', 'body')).toBe('body');
  });
});

describe('parseXml and parseFeed', () => {
  it('tells a cut-off document from a malformed one', () => {
    expect(() => parseXml('<rss><channel><item><title>Tik')).toThrow(expect.objectContaining({ truncated: true }));
    expect(() => parseXml('<rss><channel></rss>')).toThrow(XmlError);
    expect(() => parseXml('<rss><channel></rss>')).toThrow(expect.objectContaining({ truncated: false }));
  });

  it('reads RSS 1.0 (RDF) items with dc:date, and rejects a document that is no feed', () => {
    const rdf = `<?xml version="1.0"?><!DOCTYPE rdf [<!ENTITY x "y">]><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel><title>Old feed</title></channel>
      <item rdf:about="https://e.org/1"><title>TikTok</title><link>https://e.org/1</link><dc:date>2025-01-19T00:00:00Z</dc:date></item></rdf:RDF>`;
    expect(parseFeed(rdf)).toMatchObject({ format: 'rdf', title: 'Old feed', entries: [{ id: 'https://e.org/1', date: '2025-01-19T00:00:00Z', title: 'TikTok' }] });
    expect(() => parseFeed('<html><body>moved</body></html>')).toThrow(/not an RSS or Atom feed/);
  });
});

describe('undated entries', () => {
  const feed = { id: 'press', url: 'https://www.example.gov/rss.xml', actor: 'us_government' as const, domain: 'example.gov' };
  const author = { handle: 'example.gov', name: 'Press', description: '', verified_domain: 'example.gov' };
  const rss = (lastBuildDate: string) =>
    `<rss version="2.0"><channel><title>Press</title><lastBuildDate>${lastBuildDate}</lastBuildDate><item><title>TikTok statement</title><guid>https://www.example.gov/1</guid></item></channel></rss>`;

  it("are dated by the feed's own update time when it has one, and flagged", () => {
    const parsed = parseFeed(rss('Sun, 19 Jan 2025 12:00:00 GMT'));
    const now = Date.parse('2025-01-20T00:00:00Z');
    const result = feedEntryToPost(parsed.entries[0]!, feed, author, undatedTime(parsed.updated, now));
    expect(result).toMatchObject({ post: { created_at: '2025-01-19T12:00:00.000Z', missing_fields: ['created_at'], raw: { dated_by: 'feed_updated' } } });
  });

  it('are dated when first seen when the feed claims an update time in the future', () => {
    const parsed = parseFeed(rss('Sun, 19 Jan 2031 12:00:00 GMT'));
    const now = Date.parse('2025-01-20T00:00:00Z');
    const result = feedEntryToPost(parsed.entries[0]!, feed, author, undatedTime(parsed.updated, now));
    expect(result).toMatchObject({ post: { created_at: '2025-01-20T00:00:00.000Z', missing_fields: ['created_at'], raw: { dated_by: 'first_seen' } } });
  });
});
