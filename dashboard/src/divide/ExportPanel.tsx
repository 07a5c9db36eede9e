import { useState } from 'react';
import { getJson } from '../api/client';
import { useApi } from '../hooks/useApi';
import { ErrorMessage, LoadingMessage } from './StatusMessage';

/** One column of the export's data dictionary (GET /api/export/dictionary). */
interface DictionaryColumn {
  name: string;
  type: string;
  description: string;
  default: boolean;
}

type Format = 'csv' | 'jsonl';

const fetchDictionary = (signal: AbortSignal) => getJson<{ columns: DictionaryColumn[] }>('/api/export/dictionary', signal);

/**
 * "Export": a download link for the posts in the page's date range, as CSV or JSONL, with the
 * columns the researcher picks; the methodology file for the same slice is linked beside it.
 */
export function ExportPanel({ from, to }: { from: string | null; to: string | null }) {
  const dictionary = useApi('export-dictionary', fetchDictionary);
  const [format, setFormat] = useState<Format>('csv');
  // null until the user changes the selection: then the dictionary's defaults apply.
  const [picked, setPicked] = useState<string[] | null>(null);

  const columns = dictionary.state.status === 'ready' ? dictionary.state.data.columns : [];
  const selected = picked ?? columns.filter((c) => c.default).map((c) => c.name);
  const params = new URLSearchParams({ format });
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  if (picked) params.set('columns', selected.join(','));
  const query = params.toString();

  function toggle(name: string, on: boolean) {
    const next = on ? [...selected, name] : selected.filter((n) => n !== name);
    // Keep dictionary order, whatever order the boxes were ticked in.
    setPicked(columns.map((c) => c.name).filter((n) => next.includes(n)));
  }

  return (
    <details className="export-panel" data-testid="export-panel">
      <summary>Export the posts in this date range (CSV or JSONL)</summary>
      <div className="control">
        <label htmlFor="export-format">Format</label>
        <select id="export-format" value={format} onChange={(e) => setFormat(e.target.value as Format)}>
          <option value="csv">CSV (spreadsheets)</option>
          <option value="jsonl">JSONL (one JSON object per line)</option>
        </select>
      </div>
      {dictionary.state.status === 'loading' && <LoadingMessage what="the export columns" />}
      {dictionary.state.status === 'error' && (
        <ErrorMessage what="the export columns" error={dictionary.state.error} onRetry={dictionary.retry} />
      )}
      {columns.length > 0 && (
        <fieldset className="export-columns">
          <legend>Columns</legend>
          {columns.map((c) => (
            <label key={c.name} title={`${c.type}: ${c.description}`}>
              <input type="checkbox" checked={selected.includes(c.name)} onChange={(e) => toggle(c.name, e.target.checked)} />{' '}
              {c.name}
            </label>
          ))}
        </fieldset>
      )}
      <p className="control-buttons">
        {selected.length > 0 || !picked ? (
          <a className="button-link" href={`/api/export?${query}`} download>
            Download {format.toUpperCase()}
          </a>
        ) : (
          <span role="status">Pick at least one column.</span>
        )}
        <a href={`/api/export/methodology?${query}`} target="_blank" rel="noreferrer">
          Methodology (JSON)
        </a>
      </p>
      <p className="export-note">
        Every row of the range is exported, streamed, never capped. Keep the methodology file with the data: it
        records the filters, row count, model and topic-pack versions, the column definitions and the gaps in collection. CSV cells that a
        spreadsheet would run as a formula start with an apostrophe.
      </p>
    </details>
  );
}
