import { decodeEntities } from '../html-text.ts';

/**
 * A small non-validating XML reader, enough for RSS 2.0 and Atom 1.0 documents: elements,
 * attributes, text, CDATA, comments, processing instructions and a DOCTYPE (skipped). It does
 * not resolve namespaces: names keep their prefix, and `localName` drops it. A document that
 * ends with elements still open is reported as truncated, so a cut-off download is never
 * mistaken for a short feed.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text and CDATA, without its children's text. */
  text: string;
  /** Text and child elements interleaved as written, for mixed content such as Atom xhtml. */
  parts: Array<string | XmlElement>;
}

export class XmlError extends Error {
  override name = 'XmlError';
  constructor(
    message: string,
    /** True when the document simply stops early, as a dropped connection leaves it. */
    readonly truncated: boolean,
  ) {
    super(message);
  }
}

const NAME = /^[A-Za-z_][\w.:-]*/;
const ATTRIBUTE = /^([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/;

export function parseXml(input: string): XmlElement {
  const xml = input.replace(/^\uFEFF/, '');
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '', parts: [] };
  const addText = (element: XmlElement, text: string) => {
    element.text += text;
    element.parts.push(text);
  };
  const stack: XmlElement[] = [root];
  let at = 0;
  const skipPast = (marker: string, what: string) => {
    const end = xml.indexOf(marker, at);
    if (end < 0) throw new XmlError(`${what} not closed`, true);
    const body = xml.slice(at, end);
    at = end + marker.length;
    return body;
  };
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const top = stack.at(-1)!;
    if (lt < 0 || lt > at) {
      addText(top, decodeEntities(xml.slice(at, lt < 0 ? xml.length : lt)));
      if (lt < 0) break;
      at = lt;
    }
    if (xml.startsWith('<!--', at)) {
      at += 4;
      skipPast('-->', 'a comment');
    } else if (xml.startsWith('<![CDATA[', at)) {
      at += 9;
      addText(top, skipPast(']]>', 'a CDATA section'));
    } else if (xml.startsWith('<?', at)) {
      at += 2;
      skipPast('?>', 'a processing instruction');
    } else if (xml.startsWith('<!', at)) {
      skipDoctype();
    } else if (xml.startsWith('</', at)) {
      at += 2;
      const name = NAME.exec(xml.slice(at, at + 256))?.[0];
      if (!name) throw new XmlError(`malformed end tag at offset ${at}`, false);
      at += name.length;
      skipPast('>', `end tag </${name}`);
      if (top.name !== name) throw new XmlError(`</${name}> closes <${top.name}> at offset ${at}`, false);
      stack.pop();
    } else {
      const element = readStartTag();
      top.children.push(element.node);
      top.parts.push(element.node);
      if (!element.selfClosing) stack.push(element.node);
    }
  }
  if (stack.length > 1) throw new XmlError(`document ends inside <${stack.at(-1)!.name}>`, true);
  const documentElement = root.children[0];
  if (!documentElement) throw new XmlError('no root element', xml.trim().length === 0);
  return documentElement;

  function readStartTag(): { node: XmlElement; selfClosing: boolean } {
    at += 1;
    const name = NAME.exec(xml.slice(at, at + 256))?.[0];
    if (!name) throw new XmlError(`malformed tag at offset ${at}`, false);
    at += name.length;
    const node: XmlElement = { name, attributes: {}, children: [], text: '', parts: [] };
    for (;;) {
      while (/\s/.test(xml[at] ?? '')) at++;
      if (at >= xml.length) throw new XmlError(`tag <${name}> not closed`, true);
      if (xml.startsWith('/>', at)) {
        at += 2;
        return { node, selfClosing: true };
      }
      if (xml[at] === '>') {
        at += 1;
        return { node, selfClosing: false };
      }
      const attribute = ATTRIBUTE.exec(xml.slice(at, at + 8192));
      if (!attribute) {
        if (!xml.includes('>', at)) throw new XmlError(`tag <${name}> not closed`, true);
        throw new XmlError(`malformed attribute in <${name}> at offset ${at}`, false);
      }
      node.attributes[attribute[1]!] = decodeEntities(attribute[2] ?? attribute[3] ?? '');
      at += attribute[0].length;
    }
  }

  /** <!DOCTYPE ...> possibly with an internal subset in brackets. */
  function skipDoctype(): void {
    let depth = 0;
    for (let i = at + 2; i < xml.length; i++) {
      if (xml[i] === '[') depth++;
      else if (xml[i] === ']') depth--;
      else if (xml[i] === '>' && depth <= 0) {
        at = i + 1;
        return;
      }
    }
    throw new XmlError('DOCTYPE not closed', true);
  }
}

/** The name without its namespace prefix: `content:encoded` -> `encoded`. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** First child with this local name (and, for a prefixed `name`, exactly this name first). */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name) ?? (name.includes(':') ? undefined : element.children.find((c) => localName(c.name) === name));
}

export function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => localName(c.name) === name);
}

/** All text inside the element, its descendants' included, in document order. */
export function textContent(element: XmlElement): string {
  return element.parts.map((part) => (typeof part === 'string' ? part : textContent(part))).join('');
}
