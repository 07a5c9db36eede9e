import { actorStyle } from '../chart/actors';
import { MIN_SAMPLE_SIZE } from '../chart/sampleSize';

/** The chart's key, in HTML so screen readers and the keyboard reach it. */
export function SeriesLegend({ seriesKeys, shape }: { seriesKeys: string[]; shape: 'line' | 'area' }) {
  return (
    <ul className="series-legend" aria-label="Series">
      {seriesKeys.map((key) => {
        const style = actorStyle(key);
        return (
          <li key={key} className={style.emphasized ? 'emphasized' : 'muted'}>
            <span
              className={`legend-swatch legend-swatch-${shape}`}
              style={{ background: style.color }}
              aria-hidden="true"
            />
            {style.label}
          </li>
        );
      })}
      {shape === 'line' && (
        <li className="small-sample-key">
          <span className="legend-hollow-dot" aria-hidden="true" />
          Hollow point: fewer than {MIN_SAMPLE_SIZE} posts
        </li>
      )}
    </ul>
  );
}
