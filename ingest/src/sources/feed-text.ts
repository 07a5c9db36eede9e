/**
 * Plain text out of the HTML that feeds and APIs hand us (Hacker News comments, RSS
 * descriptions, Federal Register excerpts). Not a browser: it keeps the words and the paragraph
 * breaks, drops markup, scripts and styles, and decodes entities.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ',
  mdash: '—', ndash: '–', hellip: '…', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”',
  laquo: '«', raquo: '»', bull: '•', middot: '·', copy: '©', reg: '®', trade: '™', deg: '°',
  eacute: 'é', egrave: 'è', aacute: 'á', oacute: 'ó', uacute: 'ú', iacute: 'í', ntilde: 'ñ', uuml: 'ü', ouml: 'ö', auml: 'ä',
};

/** Decodes numeric and common named character references; an unknown one is left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      // Lone surrogates and out-of-range points would make an invalid string.
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return whole;
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[ref] ?? NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

const BLOCK_TAGS = 'p|div|br|li|ul|ol|h[1-6]|blockquote|pre|tr|table|section|article|header|footer|hr';

/** HTML (or text that may contain some) to plain text with paragraph breaks kept. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(new RegExp(`<\\/?(?:${BLOCK_TAGS})\\b[^>]*>`, 'gi'), '\n')
    // Only things that look like tags: "a < b" in plain text survives.
    .replace(/<\/?[a-z][a-z0-9:-]*(?:\s[^>]*)?\/?>/gi, '');
  return tidyWhitespace(decodeEntities(text));
}

/** Spaces collapsed inside lines, at most one blank line between paragraphs, ends trimmed. */
export function tidyWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
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
