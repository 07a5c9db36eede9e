import type { TrendsResponse } from '../api/types';
import { formatCount } from '../chart/format';
import { seriesLabel } from '../chart/palette';
import { totalN } from '../chart/rows';
import { formatDate } from '../chart/time';
import { explorerExportQuery, type ExplorerState } from '../state/explorerState';
import { GapList } from '../gaps/GapList';
import type { GapsLoad } from '../hooks/useGaps';
import type { ChangePointMark } from '../chart/changePoints';
import { ChangePointAbout } from '../divide/ChangePointMarkers';
import { CountingNote } from '../divide/CountingNote';

interface ExplorerAboutProps {
  data: TrendsResponse;
  view: ExplorerState;
  seriesKeys: string[];
  yLabel: string;
  gaps: GapsLoad;
  changePoints: readonly ChangePointMark[];
}

/** "About this chart": definition, filters, window, n per series, the API's notes, and the export of the slice. */
export function ExplorerAbout({ data, view, seriesKeys, yLabel, gaps, changePoints }: ExplorerAboutProps) {
  const byKey = new Map(data.series.map((s) => [s.key, totalN(s)]));
  const filters = Object.entries(view.filters).map(([name, value]) => `${name} = ${value}`);
  const exportQuery = explorerExportQuery(view);
  return (
    <div className="about-chart" data-testid="explorer-about">
      <h3>About this chart</h3>
      <p>
        {data.definition} Y axis: {yLabel}.
      </p>
      <p>
        Window: {formatDate(Date.parse(data.from))} to {formatDate(Date.parse(data.to) - 1)} (UTC), one point per {view.granularity}.
        Filters: {filters.length ? filters.join('; ') : 'none'}.
        {view.q && ` Keyword “${view.q}” applies to the posts list and the export, not to the chart (the rollups hold no text).`}
      </p>
      {data.min_confidence !== undefined && (
        <p data-testid="explorer-confidence">
          Minimum confidence: only posts whose {data.confidence_on} label the model gave with a confidence of at least{' '}
          {data.min_confidence} are counted, in the chart, the posts list and the export (read from the stored posts, not the hourly
          rollups).
        </p>
      )}
      <p className="about-n">
        n ={' '}
        {seriesKeys.map((key, i) => (
          <span key={key}>
            {i > 0 && ', '}
            {seriesLabel(view.groupBy, key)} {formatCount(byKey.get(key) ?? 0)}
          </span>
        ))}
        .{data.metric === 'volume_share_of_source' && " n counts the posts of each series; each point's denominator (all posts of its source or sources in the bucket) is in its tooltip."}
      </p>
      <CountingNote data={data} asked={{ unit: view.unit, copies: view.copies }} />
      <ChangePointAbout data={data} marks={changePoints} />
      {data.notes && data.notes.length > 0 && (
        <ul className="about-notes">
          {data.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <GapList gaps={gaps} sources={view.filters.source} />
      <p>
        <a href={`/api/export?format=csv&${exportQuery.toString()}`} download>
          Export these posts (CSV)
        </a>{' '}
        ·{' '}
        <a href={`/api/export/methodology?format=csv&${exportQuery.toString()}`} target="_blank" rel="noreferrer">
          Methodology (JSON)
        </a>
      </p>
    </div>
  );
}
