import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@rift/core';
import { decodeEntities, htmlToText } from './html-text.ts';

const SAMPLES = path.resolve(REPO_ROOT, '../shared/data/samples/mastodon');

describe('htmlToText', () => {
  it('turns paragraphs into blank-line separated text and <br> into line breaks', () => {
    expect(htmlToText('<p>First line<br>second line<br/>third</p><p>Next paragraph</p>')).toBe(
      'First line\nsecond line\nthird\n\nNext paragraph',
    );
  });

  it('keeps hashtags, mentions and the full url that Mastodon splits into hidden spans', () => {
    const html =
      '<p><span class="h-card"><a href="https://x.example/@ann" class="u-url mention">@<span>ann</span></a></span> see ' +
      '<a href="https://news.example/tiktok/ban-ruling" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span>' +
      '<span class="ellipsis">news.example/tiktok/</span><span class="invisible">ban-ruling</span></a> ' +
      '<a href="https://x.example/tags/TikTokBan" class="mention hashtag" rel="tag">#<span>TikTokBan</span></a></p>';
    expect(htmlToText(html)).toBe('@ann see https://news.example/tiktok/ban-ruling #TikTokBan');
  });

  it('decodes entities after stripping tags, so escaped markup stays text', () => {
    expect(htmlToText('<p>you can&#39;t say &lt;b&gt;that&lt;/b&gt; &amp; &quot;this&quot;</p>')).toBe(
      'you can\'t say <b>that</b> & "this"',
    );
  });

  it('does not treat a lone < as a tag and ignores > inside quoted attributes', () => {
    expect(htmlToText('<p>3 < 5 and <a title="a > b" href="#">link</a></p>')).toBe('3 < 5 and link');
  });

  it('drops comments and script or style content, and collapses whitespace', () => {
    expect(htmlToText('<p>  a \n\t b <!-- hidden --> </p><script>alert(1)</script><style>p{}</style><p>c</p>')).toBe('a b\n\nc');
  });

  it('turns list items and divs into lines and keeps Chinese text intact', () => {
    expect(htmlToText('<ul><li>小红书</li><li>TikTok难民</li></ul><div>欢迎</div>')).toBe('小红书\nTikTok难民\n欢迎');
  });

  it('returns an empty string for empty, null or tag-only input', () => {
    expect(htmlToText('')).toBe('');
    expect(htmlToText(null)).toBe('');
    expect(htmlToText('<p></p><br>')).toBe('');
  });

  it('reads every real Mastodon sample status without leaving markup or entities', () => {
    const { body } = JSON.parse(readFileSync(`${SAMPLES}/timeline-public-anonymous.json`, 'utf8')) as {
      body: Array<{ content: string }>;
    };
    const texts = body.map((s) => htmlToText(s.content));
    expect(texts).toContain("you can't say that on television");
    for (const text of texts) expect(text).not.toMatch(/<\/?[a-z]|&#?\w+;/i);
  });
});

describe('decodeEntities', () => {
  it('decodes decimal, hex and named entities, and leaves unknown or invalid ones as written', () => {
    expect(decodeEntities('&#39;&#x27;&#X1F600;&hellip;&nbsp;')).toBe("''😀… ");
    expect(decodeEntities('&unknown; &#0; &#xD800; &#x110000; & plain')).toBe('&unknown; &#0; &#xD800; &#x110000; & plain');
  });
});
