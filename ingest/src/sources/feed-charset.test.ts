import { describe, expect, it } from 'vitest';
import { decodeFeed, FeedCharsetError } from './feed-charset.ts';
import { parseFeed } from './rss-parse.ts';

/** Real bytes of each text in each charset (from that charset's own table, not from UTF-8). */
const SAMPLES: Array<[charset: string, hex: string, text: string]> = [
  ['gb2312', 'c3c0b9fad6dad2e9d4bacda8b9fd54696b546f6bb7a8b0b8', '美国众议院通过TikTok法案'],
  ['GBK', 'b6b6d2f4d3ebd0a1baeccae9', '抖音与小红书'],
  ['Big5', 'acfcb0eab2b3c4b3b07cb371b94caa6baed7', '美國眾議院通過法案'],
  ['windows-1251', 'c7e0eaeeed20ee20e7e0eff0e5f2e52054696b546f6b', 'Закон о запрете TikTok'],
  ['ISO-8859-1', '50726f696269e7e36f20646f2054696b546f6b3a2061e7e36f', 'Proibição do TikTok: ação'],
  ['iso-8859-2', '5ae16b617a2054696b546f6b753a20a3f364bc', 'Zákaz TikToku: Łódź'],
  ['ISO-8859-15', '496e74657264696374696f6e3a203520a4', 'Interdiction: 5 €'],
];

function feedBytes(declaration: string, titleHex: string): Uint8Array {
  const head = Buffer.from(`<?xml version="1.0"${declaration}?>\n<rss version="2.0"><channel><title>`, 'latin1');
  const tail = Buffer.from('</title></channel></rss>', 'latin1');
  return new Uint8Array(Buffer.concat([head, Buffer.from(titleHex, 'hex'), tail]));
}

describe('feed charsets', () => {
  it.each(SAMPLES)('decodes %s declared in the XML declaration', (charset, hex, text) => {
    expect(parseFeed(decodeFeed(feedBytes(` encoding="${charset}"`, hex), 'application/rss+xml')).title).toBe(text);
  });

  it.each(SAMPLES)('decodes %s declared in the Content-Type, which wins over the document', (charset, hex, text) => {
    expect(parseFeed(decodeFeed(feedBytes(' encoding="UTF-8"', hex), `text/xml; charset="${charset}"`)).title).toBe(text);
  });

  it('reads UTF-8 when nothing is declared, and says so when a charset is unknown', () => {
    expect(parseFeed(decodeFeed(new TextEncoder().encode('<rss><channel><title>小红书 ✓</title></channel></rss>'))).title).toBe('小红书 ✓');
    expect(() => decodeFeed(feedBytes(' encoding="x-klingon"', '41'))).toThrow(FeedCharsetError);
  });
});
