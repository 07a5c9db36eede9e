import { formatCount } from '../chart/format';
import { seriesColor, seriesLabel } from '../chart/palette';

/** The Explorer chart's key, in HTML, with each series' total n. */
export function ExplorerLegend({ dimension, seriesKeys, totals }: { dimension: string; seriesKeys: string[]; totals: Map<string, number> }) {
  return (
    <ul className="series-legend" aria-label={`Series, by ${dimension}`}>
      {seriesKeys.map((key, index) => (
        <li key={key} className="emphasized">
          <span className="legend-swatch legend-swatch-line" style={{ background: seriesColor(dimension, key, index) }} aria-hidden="true" />
          {seriesLabel(dimension, key)} <span className="legend-n">(n = {formatCount(totals.get(key) ?? 0)})</span>
        </li>
      ))}
    </ul>
  );
}
