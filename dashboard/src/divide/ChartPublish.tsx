import { useState, type RefObject } from 'react';
import type { TrendsResponse } from '../api/types';
import { seriesToCsv } from '../chart/csv';
import { chartSvgText, downloadBlob, svgToPng, type ChartImageText } from '../chart/publish';

interface ChartPublishProps {
  plot: RefObject<HTMLElement | null>;
  data: TrendsResponse;
  /** File names start with this, e.g. "rift-stance_oppose_share-week". */
  baseName: string;
  /** The image's title, key, caption and event key. */
  image: ChartImageText;
  /** Link to the read-only embeddable view of this chart, if any. */
  embedHref?: string;
}

/** "Publish": the chart as SVG or PNG, its data as CSV, and a link to its embeddable view. */
export function ChartPublish({ plot, data, baseName, image, embedHref }: ChartPublishProps) {
  const [problem, setProblem] = useState<string | null>(null);

  function svgText(): string | null {
    const text = plot.current ? chartSvgText(plot.current, image) : null;
    setProblem(text ? null : 'The chart is not drawn yet.');
    return text;
  }

  async function png() {
    const text = svgText();
    if (!text) return;
    try {
      downloadBlob(await svgToPng(text), `${baseName}.png`);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <div className="chart-publish" role="group" aria-label="Download or embed this chart">
      <button
        type="button"
        onClick={() => {
          const text = svgText();
          if (text) downloadBlob(new Blob([text], { type: 'image/svg+xml' }), `${baseName}.svg`);
        }}
      >
        SVG
      </button>
      <button type="button" onClick={png}>
        PNG
      </button>
      <button
        type="button"
        onClick={() => downloadBlob(new Blob([seriesToCsv(data.metric, data.series)], { type: 'text/csv' }), `${baseName}.csv`)}
      >
        Data (CSV)
      </button>
      {embedHref && (
        <a href={embedHref} className="embed-link">
          Embeddable view
        </a>
      )}
      {problem && (
        <span role="alert" className="publish-problem">
          {problem}
        </span>
      )}
    </div>
  );
}
