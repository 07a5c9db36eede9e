import type { TrendsResponse } from '../api/types';
import { actorStyle } from '../chart/actors';
import { formatCount } from '../chart/format';
import { totalN } from '../chart/rows';
import { formatDate } from '../chart/time';
import { GapList } from '../gaps/GapList';
import type { GapsLoad } from '../hooks/useGaps';
import type { ChangePointMark } from '../chart/changePoints';
import type { Counting } from '../state/divideMode';
import { ChangePointAbout } from './ChangePointMarkers';
import { CountingNote } from './CountingNote';

interface AboutChartProps {
  data: TrendsResponse;
  seriesKeys: string[];
  gaps?: GapsLoad;
  /** How the page asked the chart to count, when it may differ from what the chart can (see CountingNote). */
  asked?: Counting;
  /** The change points marked on the chart; undefined when it marks none (stacked areas). */
  changePoints?: readonly ChangePointMark[];
}

/** "About this chart": the metric's definition (from the API), the window used and the n behind it. */
export function AboutChart({ data, seriesKeys, gaps, asked, changePoints }: AboutChartProps) {
  const byKey = new Map(data.series.map((s) => [s.key, s]));
  const counts = seriesKeys.map((key) => ({ key, n: totalN(byKey.get(key) ?? { key, points: [] }) }));
  const total = counts.reduce((sum, c) => sum + c.n, 0);
  const offTopic = data.series.reduce((sum, s) => sum + s.points.reduce((t, p) => t + (p.n_off_topic ?? 0), 0), 0);
  return (
    <div className="about-chart">
      <h3>About this chart</h3>
      <p>
        <span className="about-definition">{data.definition || 'The API gave no definition for this metric.'}</span>{' '}
        {windowText(data)}
      </p>
      <p className="about-n">
        n = {formatCount(total)} posts
        {counts.length > 0 && ' ('}
        {counts.map((c, i) => (
          <span key={c.key}>
            {i > 0 && ', '}
            {actorStyle(c.key).label} {formatCount(c.n)}
          </span>
        ))}
        {counts.length > 0 && ')'}. Each point's own n of posts and of authors is in its tooltip; a hollow point has
        fewer than 30 authors.{offTopic > 0 && ` ${formatCount(offTopic)} off-topic posts (no relevance term of the topic pack) are left out of shares and means.`}
      </p>
      <CountingNote data={data} asked={asked} />
      {changePoints && <ChangePointAbout data={data} marks={changePoints} />}
      {data.notes && data.notes.length > 0 && (
        <ul className="about-notes">
          {data.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {gaps && <GapList gaps={gaps} />}
    </div>
  );
}

/** The API's window is [from, to) in whole buckets; say it as inclusive days. */
function windowText(data: TrendsResponse): string {
  const from = Date.parse(data.from);
  const to = Date.parse(data.to);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return `One point per ${data.granularity} (UTC).`;
  const lastDay = to - 1;
  return `Window: ${formatDate(from)} to ${formatDate(lastDay)} (UTC), one point per ${data.granularity}.`;
}
