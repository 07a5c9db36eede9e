/**
 * A feed's bytes as text in the charset it declares: the Content-Type's `charset` first (HTTP
 * overrides the document, RFC 7303), then the XML declaration's `encoding`, then a byte-order
 * mark, else UTF-8. Government and news feeds in Chinese, Russian or European languages still
 * come as gb2312, GBK, Big5, windows-1251 or ISO-8859-x; read as UTF-8 they turn into U+FFFD.
 * Node's TextDecoder (full ICU) knows all of these labels.
 */
export class FeedCharsetError extends Error {
  override name = 'FeedCharsetError';
}

function declaredInHeader(contentType: string | null | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
}

/** The XML declaration is ASCII in every charset a feed uses, so its first bytes read as latin1. */
function declaredInDocument(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 256)).toString('latin1');
  return /^\s*<\?xml[^>]*\sencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head.replace(/^\uFEFF|^ï»¿/, ''))?.[1];
}

function byBom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

export function feedCharset(bytes: Uint8Array, contentType?: string | null): string {
  return (byBom(bytes) ?? declaredInHeader(contentType) ?? declaredInDocument(bytes) ?? 'utf-8').toLowerCase();
}

export function decodeFeed(bytes: Uint8Array, contentType?: string | null): string {
  const charset = feedCharset(bytes, contentType);
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    throw new FeedCharsetError(`the feed declares the charset "${charset}", which this runtime cannot decode`);
  }
  return decoder.decode(bytes);
}
