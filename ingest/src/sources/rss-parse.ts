import { decodeEntities, htmlToText, tidyWhitespace } from '../html-text.ts';
import { child, children, localName, parseXml, textContent, type XmlElement } from './rss-xml.ts';

/**
 * RSS 2.0 (and RSS 1.0/RDF) items and Atom 1.0 entries as one shape, with text already plain.
 * Dates are left as written; the source decides what a missing or unreadable one means.
 */
export interface FeedEntry {
  /** guid (RSS), id (Atom), else the link. */
  id?: string;
  link?: string;
  title: string;
  body: string;
  /** pubDate / dc:date (RSS), published else updated (Atom), as written. */
  date?: string;
  author?: string;
  /** The xml:base in effect for the entry (its own resolved against the feed's), for relative links. */
  base?: string;
  /** The element as parsed, kept for audit. */
  raw: Record<string, string>;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf';
  title: string;
  /** When the feed says it last changed (RSS lastBuildDate or pubDate, Atom updated), as written. */
  updated?: string;
  entries: FeedEntry[];
}

/** Throws XmlError for a document that is not XML (truncated or malformed), Error for another format. */
export function parseFeed(xml: string): ParsedFeed {
  const root = parseXml(xml);
  const kind = localName(root.name);
  if (kind === 'rss') {
    const channel = child(root, 'channel');
    if (!channel) throw new Error('an <rss> document without a <channel>');
    return { format: 'rss', title: plainText(channel, 'title'), updated: plain(channel, 'lastBuildDate') || plain(channel, 'pubDate') || undefined, entries: children(channel, 'item').map(rssItem) };
  }
  if (kind === 'RDF') {
    const channel = child(root, 'channel');
    return { format: 'rdf', title: channel ? plainText(channel, 'title') : '', updated: channel ? plain(channel, 'date') || undefined : undefined, entries: children(root, 'item').map(rssItem) };
  }
  if (kind === 'feed') {
    const base = root.attributes['xml:base'];
    return { format: 'atom', title: atomText(child(root, 'title')), updated: plain(root, 'updated') || undefined, entries: children(root, 'entry').map((e) => atomEntry(e, base)) };
  }
  throw new Error(`not an RSS or Atom feed (root element <${root.name}>)`);
}

function rssItem(item: XmlElement): FeedEntry {
  const link = plain(item, 'link') || undefined;
  const guid = plain(item, 'guid') || undefined;
  // description is HTML by convention; content:encoded is the full article, used when it is all there is.
  const html = textOf(item, 'description') || textOf(item, 'encoded');
  return {
    id: guid ?? link,
    link: link ?? (child(item, 'guid')?.attributes.isPermaLink !== 'false' ? guid : undefined),
    title: htmlToText(textOf(item, 'title')),
    body: htmlToText(html),
    date: plain(item, 'pubDate') || plain(item, 'date') || undefined,
    author: plainText(item, 'creator') || plainText(item, 'author') || undefined,
    raw: compact({ guid, link, title: textOf(item, 'title'), pubDate: plain(item, 'pubDate') || plain(item, 'date') }),
  };
}

/** xml:base values nest: an entry's may itself be relative to the feed's. */
function joinBase(outer: string | undefined, inner: string | undefined): string | undefined {
  if (!inner) return outer;
  if (!outer) return inner;
  try {
    return new URL(inner, outer).toString();
  } catch {
    return inner;
  }
}

function atomEntry(entry: XmlElement, feedBase: string | undefined): FeedEntry {
  const links = children(entry, 'link');
  const alternate = links.find((l) => (l.attributes.rel ?? 'alternate') === 'alternate') ?? links[0];
  const link = alternate?.attributes.href;
  const id = plain(entry, 'id') || undefined;
  const summary = child(entry, 'summary');
  const content = child(entry, 'content');
  const author = child(entry, 'author');
  return {
    id: id ?? link,
    link,
    title: atomText(child(entry, 'title')),
    body: atomText(summary) || atomText(content),
    date: plain(entry, 'published') || plain(entry, 'updated') || undefined,
    author: author ? plainText(author, 'name') || undefined : undefined,
    base: joinBase(feedBase, entry.attributes['xml:base']),
    raw: compact({ id, link, title: atomText(child(entry, 'title')), published: plain(entry, 'published'), updated: plain(entry, 'updated') }),
  };
}

/** An Atom text construct: type text (default), html (escaped markup) or xhtml (inline markup). */
function atomText(element: XmlElement | undefined): string {
  if (!element) return '';
  const type = element.attributes.type ?? 'text';
  if (type === 'html') return htmlToText(textContent(element));
  if (type === 'xhtml') return htmlToText(element.children.map(serialize).join(''));
  // Feeds often escape HTML entities inside plain text ("&amp;rsquo;"): decoded once more.
  return tidyWhitespace(decodeEntities(textContent(element)));
}

/** Back to markup, so block elements become line breaks in htmlToText. */
function serialize(element: XmlElement): string {
  const inner = element.parts.map((p) => (typeof p === 'string' ? p.replace(/&/g, '&amp;').replace(/</g, '&lt;') : serialize(p))).join('');
  return `<${localName(element.name)}>${inner}</${localName(element.name)}>`;
}

function textOf(element: XmlElement, name: string): string {
  const found = child(element, name);
  return found ? textContent(found) : '';
}

function plain(element: XmlElement, name: string): string {
  return tidyWhitespace(textOf(element, name));
}

/** Text meant for people (names, titles), with escaped HTML entities decoded. */
function plainText(element: XmlElement, name: string): string {
  return tidyWhitespace(decodeEntities(textOf(element, name)));
}

function compact(fields: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => Boolean(e[1])));
}
