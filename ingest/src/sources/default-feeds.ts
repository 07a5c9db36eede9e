import type { FeedConfig } from './rss.ts';

/**
 * Editable configuration: the feeds Rift reads when the configuration file names none. Only
 * long-standing public feeds are listed; each becomes the source `rss-<id>` with its publisher's
 * actor class. Add a press room by adding a line: `domain` should be the publisher's site (it is
 * matched against the topic pack's actor registry, where any `.gov` domain is US government).
 *
 * Government statements come mostly from the Federal Register source; agency and committee
 * press-room feeds move often (several were renamed in 2025), so check one answers with RSS or
 * Atom before adding it here, e.g. `curl -sI <url>` shows an XML content type.
 */
export const DEFAULT_FEEDS: readonly FeedConfig[] = [
  { id: 'npr-politics', url: 'https://feeds.npr.org/1014/rss.xml', actor: 'media', domain: 'npr.org', title: 'NPR Politics' },
  { id: 'npr-technology', url: 'https://feeds.npr.org/1019/rss.xml', actor: 'media', domain: 'npr.org', title: 'NPR Technology' },
  { id: 'bbc-technology', url: 'https://feeds.bbci.co.uk/news/technology/rss.xml', actor: 'media', domain: 'bbc.co.uk', title: 'BBC News Technology' },
  { id: 'nyt-technology', url: 'https://rss.nytimes.com/services/xml/rss/nyt/Technology.xml', actor: 'media', domain: 'nytimes.com', title: 'The New York Times Technology' },
  { id: 'the-verge', url: 'https://www.theverge.com/rss/index.xml', actor: 'media', domain: 'theverge.com', title: 'The Verge' },
  { id: 'techcrunch', url: 'https://techcrunch.com/feed/', actor: 'media', domain: 'techcrunch.com', title: 'TechCrunch' },
];
