/**
 * HTML to plain text, for sources that serve posts and profiles as HTML (Mastodon's `content`
 * and `note`). Not a full HTML parser: it handles what those fields contain (paragraphs, line
 * breaks, links, spans, lists, quotes) and never lets markup or entities leak into the text.
 */

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  middot: '·',
  bull: '•',
  copy: '©',
  reg: '®',
  trade: '™',
  zwj: '\u200d',
  zwnj: '\u200c',
};

/** A tag: `<` then a name, `/` or `!`, up to the `>` that is not inside a quoted attribute. */
const TAG = /<(?:[a-zA-Z/!?])(?:[^>"']|"[^"]*"|'[^']*')*>/g;
const COMMENT = /<!--[\s\S]*?-->/g;
/** Elements whose content is never text a reader sees. */
const HIDDEN_ELEMENTS = /<(script|style|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const LINE_BREAK = /<br\s*\/?>/gi;
const PARAGRAPH_END = /<\/(p|blockquote|pre|h[1-6])\s*>/gi;
const PARAGRAPH_START = /<p(\s[^>]*)?>/gi;
const BLOCK_END = /<\/(div|li|tr)\s*>/gi;

/** Replaces `&amp;`, `&#39;`, `&#x1F600;` and the common named entities; unknown ones stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, body: string) => {
    if (body[0] !== '#') return NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()] ?? whole;
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    // NUL, surrogates and out-of-range code points are not characters; keep the text as written.
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
    return String.fromCodePoint(code);
  });
}

/**
 * Plain text of an HTML fragment: tags stripped, `<br>` and block ends turned into line breaks,
 * entities decoded after the tags are gone (so `&lt;b&gt;` stays the text "<b>"), spaces
 * collapsed within lines and at most one blank line between paragraphs.
 */
export function htmlToText(html: string | null | undefined): string {
  if (!html) return '';
  const withBreaks = html
    .replace(COMMENT, '')
    .replace(HIDDEN_ELEMENTS, '')
    .replace(/\r\n?/g, '\n')
    // Newlines in the source are just whitespace in HTML; only markup makes lines.
    .replace(/\n/g, ' ')
    .replace(LINE_BREAK, '\n')
    // Hacker News writes paragraphs as "one<p>two", never closing them: an opening <p> breaks too.
    .replace(PARAGRAPH_START, '\n\n')
    .replace(PARAGRAPH_END, '\n\n')
    .replace(BLOCK_END, '\n');
  return tidyWhitespace(decodeEntities(withBreaks.replace(TAG, '')));
}

/** Spaces collapsed within lines, at most one blank line between paragraphs, ends trimmed. */
export function tidyWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\f\v\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Title and body as one post text; a body that only repeats the title is not doubled. */
export function joinText(title: string | undefined, body: string | undefined): string {
  const head = title?.trim() ?? '';
  const rest = body?.trim() ?? '';
  if (!head) return rest;
  if (!rest || rest === head) return head;
  return `${head}\n\n${rest}`;
}
