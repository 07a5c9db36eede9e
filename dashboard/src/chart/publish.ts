// Turning a drawn Recharts chart into files: SVG (the chart's own markup) and PNG (that SVG drawn
// on a canvas). The SVG is loaded as a data: URL, which the dashboard's Content-Security-Policy allows.

export interface LegendItem {
  label: string;
  color: string;
}

/** The chart's <svg>, standalone: namespaced, sized, on a white background, with its key and a caption. */
export function chartSvgText(container: HTMLElement, caption: string, legend: LegendItem[] = []): string | null {
  const svg = container.querySelector('svg.recharts-surface');
  if (!svg) return null;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const width = Number(svg.getAttribute('width')) || svg.clientWidth;
  const height = Number(svg.getAttribute('height')) || svg.clientHeight;
  const ns = 'http://www.w3.org/2000/svg';
  clone.setAttribute('xmlns', ns);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height + 24));
  clone.setAttribute('viewBox', `0 0 ${width} ${height + 24}`);
  clone.setAttribute('font-family', 'system-ui, sans-serif');
  const background = document.createElementNS(ns, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  clone.insertBefore(background, clone.firstChild);
  const text = document.createElementNS(ns, 'text');
  text.setAttribute('x', '8');
  text.setAttribute('y', String(height + 16));
  text.setAttribute('font-size', '11');
  text.setAttribute('fill', '#4b5563');
  text.textContent = caption;
  clone.appendChild(text);
  // The key, in one row under the caption's line, since the page's legend is HTML.
  let x = 8;
  for (const item of legend) {
    const swatch = document.createElementNS(ns, 'rect');
    Object.entries({ x: String(x), y: '2', width: '12', height: '4', fill: item.color }).forEach(([k, v]) => swatch.setAttribute(k, v));
    const label = document.createElementNS(ns, 'text');
    Object.entries({ x: String(x + 16), y: '9', 'font-size': '11', fill: '#1f2933' }).forEach(([k, v]) => label.setAttribute(k, v));
    label.textContent = item.label;
    clone.append(swatch, label);
    x += 24 + item.label.length * 6.5;
  }
  return new XMLSerializer().serializeToString(clone);
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
