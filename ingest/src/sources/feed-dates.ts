/**
 * Dates as feeds write them. RFC 822 (RSS) with the day and month names of the feed's language
 * (Portuguese, Spanish, German, French as well as English: "Qua, 15 Jan 2025", "lun., 13 janv.
 * 2025", "Mi, 15 Mär 2025"), and ISO 8601 (Atom). A date written without a zone is UTC, always:
 * the host's zone says nothing about the feed. Undefined for what cannot be read.
 */

/** Month name prefixes (accents removed), longest first so French "juin" and "juil" are told apart. */
const MONTH_PREFIXES: ReadonlyArray<[string, number]> = [
  ['juin', 6], ['juil', 7],
  ['jan', 1], ['ene', 1], ['gen', 1],
  ['feb', 2], ['fev', 2],
  ['mar', 3], ['mrz', 3],
  ['apr', 4], ['abr', 4], ['avr', 4],
  ['may', 5], ['mai', 5],
  ['jun', 6],
  ['jul', 7],
  ['aug', 8], ['ago', 8], ['aou', 8],
  ['sep', 9], ['set', 9],
  ['oct', 10], ['okt', 10], ['out', 10],
  ['nov', 11],
  ['dec', 12], ['dez', 12], ['dic', 12],
];

/** Zone abbreviations that feeds use, in minutes east of UTC. */
const ZONES: Readonly<Record<string, number>> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  CET: 60, CEST: 120, MEZ: 60, MESZ: 120, WET: 0, WEST: 60, BST: 60, BRT: -180, ART: -180,
};

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

function monthOf(name: string): number | undefined {
  const folded = fold(name).replace(/\.$/, '');
  return MONTH_PREFIXES.find(([prefix]) => folded.startsWith(prefix))?.[1];
}

function zoneMinutes(zone: string): number | undefined {
  if (zone === '') return 0;
  const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3]));
  return ZONES[zone.toUpperCase()];
}

// "Wed, 15 Jan 2025 10:00:00 GMT", "qua., 15 jan. 2025 10:00 -0300", "15 Januar 2025 10:00".
const RFC822 = /^(?:[^\d\s,]+\.?,?\s+)?(\d{1,2})\.?\s+([^\s\d]+)\s+(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})?$/;
const ISO_WITHOUT_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/i;

export function parseFeedDate(value: string | undefined): number | undefined {
  const s = value?.trim();
  if (!s) return undefined;
  if (ISO_WITHOUT_ZONE.test(s)) return Date.parse(`${s.replace(' ', 'T')}Z`);
  if (ISO_WITH_ZONE.test(s)) {
    const ms = Date.parse(s.replace(' ', 'T'));
    return Number.isNaN(ms) ? undefined : ms;
  }
  const m = RFC822.exec(s);
  if (!m) return undefined;
  const month = monthOf(m[2]!);
  const offset = zoneMinutes(m[7] ?? '');
  if (!month || offset === undefined) return undefined;
  const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
  const day = Number(m[1]);
  const utc = Date.UTC(year, month - 1, day, Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)) - offset * 60_000;
  // "31 Feb" rolls into March in Date.UTC; a date that does not exist is unreadable.
  return new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day ? utc : undefined;
}
