// Turning a drawn Recharts chart into files: SVG (the chart's own markup) and PNG (that SVG drawn
// on a canvas). The SVG is loaded as a data: URL, which the dashboard's Content-Security-Policy allows.

export interface LegendItem {
  label: string;
  color: string;
}

/** What an exported image says besides the chart: everything a reader needs once it leaves the page. */
export interface ChartImageText {
  title: string;
  /** Sentences under the chart: the dates, the n, the synthetic share, notes, the source. */
  caption: string[];
  legend: LegendItem[];
  /** One line per event marked on the chart: "3 · 13 Mar 2024 · House passes ...". */
  eventKey: string[];
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const PAD = 8;
const LINE = 15;
/** Conservative average glyph widths of 11 px and of bold 14 px system-ui text, for wrapping. */
const CHAR_WIDTH = 6.2;
const TITLE_CHAR_WIDTH = 8.6;
const TITLE_LINE = 18;

function svgElement(name: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Splits text into lines of at most `chars` characters, at spaces. */
export function wrapText(text: string, chars: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > chars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The chart's <svg>, standalone: namespaced, on a white background, under its title and key,
 * above its caption and the key to its event badges. Colours are attributes, as no stylesheet
 * travels with the file.
 */
export function chartSvgText(container: HTMLElement, text: ChartImageText): string | null {
  const svg = container.querySelector('svg.recharts-surface');
  if (!svg) return null;
  const width = Number(svg.getAttribute('width')) || svg.clientWidth;
  const height = Number(svg.getAttribute('height')) || svg.clientHeight;
  // The title on as many lines as it needs, then the key's items in rows that fit the width;
  // the chart starts under the last row.
  const titleLines = wrapText(text.title, Math.max(12, Math.floor((width - 2 * PAD) / TITLE_CHAR_WIDTH)));
  const below = (titleLines.length - 1) * TITLE_LINE;
  const legendSpots: Array<{ item: LegendItem; x: number; row: number }> = [];
  let x = PAD;
  let row = 0;
  for (const item of text.legend) {
    const itemWidth = 24 + item.label.length * 6.5;
    if (x > PAD && x + itemWidth > width - PAD) [x, row] = [PAD, row + 1];
    legendSpots.push({ item, x, row });
    x += itemWidth;
  }
  const header = 48 + below + row * LINE;
  const chart = svg.cloneNode(true) as SVGSVGElement;
  chart.setAttribute('x', '0');
  chart.setAttribute('y', String(header));
  chart.setAttribute('width', String(width));
  chart.setAttribute('height', String(height));

  const chars = Math.max(20, Math.floor((width - 2 * PAD) / CHAR_WIDTH));
  const footer = [
    ...text.caption.flatMap((sentence) => wrapText(sentence, chars)).map((line) => ({ line, bold: false })),
    ...(text.eventKey.length ? [{ line: 'Events marked on the chart:', bold: true }] : []),
    ...text.eventKey.flatMap((entry) => wrapText(entry, chars)).map((line) => ({ line, bold: false })),
  ];
  const total = header + height + PAD + footer.length * LINE + PAD;

  const root = svgElement('svg', { xmlns: SVG_NS, width, height: total, viewBox: `0 0 ${width} ${total}`, 'font-family': 'system-ui, sans-serif' });
  root.append(
    svgElement('rect', { width: '100%', height: '100%', fill: '#ffffff' }),
    ...titleLines.map((line, i) => svgElement('text', { class: 'image-title', x: PAD, y: 20 + i * TITLE_LINE, 'font-size': 14, 'font-weight': 700, fill: '#1f2933' }, line)),
  );
  for (const { item, x, row } of legendSpots) {
    const y = 37 + below + row * LINE;
    root.append(
      svgElement('rect', { x, y: y - 6, width: 12, height: 4, fill: item.color }),
      svgElement('text', { x: x + 16, y, 'font-size': 11, fill: '#1f2933' }, item.label),
    );
  }
  root.append(chart);
  footer.forEach(({ line, bold }, i) => {
    const attributes = { class: 'image-caption', x: PAD, y: header + height + PAD + (i + 1) * LINE - 4, 'font-size': 11, fill: '#4b5563' };
    root.append(svgElement('text', bold ? { ...attributes, 'font-weight': 700 } : attributes, line));
  });
  return new XMLSerializer().serializeToString(root);
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Draws the SVG at `scale`x on a canvas and resolves its PNG. */
export function svgToPng(svgText: string, scale = 2): Promise<Blob> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = Math.ceil(image.width * scale);
      canvas.height = Math.ceil(image.height * scale);
      const context = canvas.getContext('2d');
      if (!context) return reject(new Error('This browser cannot draw on a canvas.'));
      context.scale(scale, scale);
      context.drawImage(image, 0, 0);
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The PNG could not be made.'))), 'image/png');
    };
    image.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  });
}
