/**
 * The text of a Bluesky post as its author meant it, and the words it carries besides. Clients
 * shorten links in `text` ("www.youtube.com/watch?v=V5lD...") and put the full URL in a link
 * facet, addressed by UTF-8 byte offsets; link cards, quoted posts and image descriptions live
 * in the embed. The card and quote are kept apart from the author's words (context_text).
 */
type Json = Record<string, unknown>;
const asObject = (value: unknown): Json | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined);
const asString = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** `text` with each link facet's shortened display text replaced by the facet's full URL. */
export function expandLinkFacets(text: string, facets: unknown): string {
  if (!Array.isArray(facets)) return text;
  const bytes = Buffer.from(text, 'utf8');
  const links = facets
    .map((f) => {
      const index = asObject(asObject(f)?.index);
      const link = (Array.isArray(asObject(f)?.features) ? (asObject(f)!.features as unknown[]) : [])
        .map(asObject)
        .find((feature) => feature?.$type === 'app.bsky.richtext.facet#link');
      const start = index?.byteStart;
      const end = index?.byteEnd;
      const uri = asString(link?.uri);
      return typeof start === 'number' && typeof end === 'number' && uri && start >= 0 && start < end && end <= bytes.length ? { start, end, uri } : undefined;
    })
    .filter((l): l is { start: number; end: number; uri: string } => l !== undefined)
    .sort((a, b) => a.start - b.start);
  if (links.length === 0) return text;
  const out: Buffer[] = [];
  let at = 0;
  for (const link of links) {
    if (link.start < at) continue; // overlapping facets: the first one wins
    out.push(bytes.subarray(at, link.start), Buffer.from(link.uri, 'utf8'));
    at = link.end;
  }
  out.push(bytes.subarray(at));
  return Buffer.concat(out).toString('utf8');
}

/** The link card of an embed (record form or view form, plain or beside media), if any. */
export function linkCard(embed: unknown): { uri?: string; title?: string; description?: string } | undefined {
  const e = asObject(embed);
  const external = asObject(e?.external) ?? asObject(asObject(e?.media)?.external);
  if (!external) return undefined;
  return { uri: asString(external.uri), title: asString(external.title), description: asString(external.description) };
}

/** The quoted post's text in a view (search results); records (Jetstream) carry only its URI. */
function quotedText(embed: Json | undefined): string | undefined {
  const record = asObject(embed?.record);
  // recordWithMedia#view nests the viewRecord one level deeper.
  const view = asObject(record?.value) ? record : asObject(record?.record);
  const value = asObject(view?.value);
  const text = asString(value?.text);
  if (!text) return undefined;
  return quoteLine(asString(asObject(view?.author)?.handle), text);
}

/** How a quoted post reads in context_text, whichever way its text was found. */
export function quoteLine(handle: string | undefined, text: string): string {
  return handle ? `Quoting @${handle}: ${text}` : `Quoting: ${text}`;
}

/** Image descriptions (alt text) of an embed, plain or beside a quote. */
function altTexts(embed: Json | undefined): string[] {
  const images = asObject(embed?.media)?.images ?? embed?.images;
  if (!Array.isArray(images)) return [];
  return images.map((i) => asString(asObject(i)?.alt)?.trim()).filter((alt): alt is string => Boolean(alt)).map((alt) => `[image: ${alt}]`);
}

/** What the post carries that its author did not write: quote, link card, image descriptions. */
export function embedContext(embed: unknown): string {
  const e = asObject(embed);
  if (!e) return '';
  const card = linkCard(e);
  const parts = [
    quotedText(e),
    card && [card.title, card.description].map((s) => s?.trim()).filter(Boolean).join('\n'),
    ...altTexts(e),
  ];
  return parts.filter((p): p is string => Boolean(p)).join('\n\n');
}
