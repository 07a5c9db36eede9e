import { htmlToText, tidyWhitespace } from '../html-text.ts';
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
  /** The element as parsed, kept for audit. */
  raw: Record<string, string>;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf';
  title: string;
  entries: FeedEntry[];
}

/** Throws XmlError for a document that is not XML (truncated or malformed), Error for another format. */
export function parseFeed(xml: string): ParsedFeed {
  const root = parseXml(xml);
  const kind = localName(root.name);
  if (kind === 'rss') {
    const channel = child(root, 'channel');
    if (!channel) throw new Error('an <rss> document without a <channel>');
    return { format: 'rss', title: plain(channel, 'title'), entries: children(channel, 'item').map(rssItem) };
  }
  if (kind === 'RDF') {
    const channel = child(root, 'channel');
    return { format: 'rdf', title: channel ? plain(channel, 'title') : '', entries: children(root, 'item').map(rssItem) };
  }
  if (kind === 'feed') return { format: 'atom', title: atomText(child(root, 'title')), entries: children(root, 'entry').map(atomEntry) };
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
    author: plain(item, 'creator') || plain(item, 'author') || undefined,
    raw: compact({ guid, link, title: textOf(item, 'title'), pubDate: plain(item, 'pubDate') || plain(item, 'date') }),
  };
}

function atomEntry(entry: XmlElement): FeedEntry {
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
    author: author ? plain(author, 'name') || undefined : undefined,
    raw: compact({ id, link, title: atomText(child(entry, 'title')), published: plain(entry, 'published'), updated: plain(entry, 'updated') }),
  };
}

/** An Atom text construct: type text (default), html (escaped markup) or xhtml (inline markup). */
function atomText(element: XmlElement | undefined): string {
  if (!element) return '';
  const type = element.attributes.type ?? 'text';
  if (type === 'html') return htmlToText(textContent(element));
  if (type === 'xhtml') return htmlToText(element.children.map(serialize).join(''));
  return tidyWhitespace(textContent(element));
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

function compact(fields: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => Boolean(e[1])));
}
