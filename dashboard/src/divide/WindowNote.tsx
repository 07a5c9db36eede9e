import { dateOnlyToMs, formatDate } from '../chart/time';
import { RECENT_MONTHS, type DayRange, type DefaultWindow, type WindowKind } from '../state/defaultWindow';

interface WindowNoteProps {
  kind: WindowKind;
  shown: DayRange;
  /** The window the page opens on, if known. */
  fallback: DefaultWindow | null;
  /** The stored data's first and last day. */
  data: DayRange | null;
  onPick: (range: DayRange) => void;
}

const days = (r: DayRange) => `${formatDate(dateOnlyToMs(r.from))} to ${formatDate(dateOnlyToMs(r.to))}`;

const DEFAULT_NAMES = { pack: "the topic pack's period", recent: `the last ${RECENT_MONTHS} months of stored data` } as const;

/** Which window the charts show, in words (the pack's period, recent months, all, chosen), with the way to the others. */
export function WindowNote({ kind, shown, fallback, data, onPick }: WindowNoteProps) {
  const what =
    kind === 'pack' || kind === 'recent'
      ? `Showing ${DEFAULT_NAMES[kind]}, ${days(shown)}${kind === 'recent' ? ' (the topic pack declares no period that the stored posts fall in)' : ''}.`
      : kind === 'all'
        ? `Showing all stored data, ${days(shown)}.`
        : `Showing ${days(shown)}, as chosen.`;
  const sameAsAll = (r: DayRange | null) => !!r && !!data && r.from === data.from && r.to === data.to;
  return (
    <p className="window-note" data-testid="window-note" data-kind={kind}>
      {what}{' '}
      {fallback && kind !== fallback.kind && !(kind === 'all' && sameAsAll(fallback)) && (
        <button type="button" className="link-button" onClick={() => onPick(fallback)}>
          Show {DEFAULT_NAMES[fallback.kind]}
        </button>
      )}
      {data && kind !== 'all' && !sameAsAll(shown) && (
        <button type="button" className="link-button" onClick={() => onPick(data)}>
          Show all stored data ({days(data)})
        </button>
      )}
    </p>
  );
}
