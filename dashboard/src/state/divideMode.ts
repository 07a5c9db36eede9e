// How the divide counts: per author or per post (`unit`), stance shares raw or corrected for the
// classifier's errors (`correction`), and copies of one text once or each (`copies`). Kept in the
// URL like the rest of the view; the defaults (per author, corrected, copies once) are the API's
// and are left out of the link.

export const UNITS = ['author', 'post'] as const;
export type Unit = (typeof UNITS)[number];
export const CORRECTIONS = ['confusion', 'none'] as const;
export type Correction = (typeof CORRECTIONS)[number];

export const COPIES = ['once', 'all'] as const;
export type Copies = (typeof COPIES)[number];

export const parseCopies = (value: string | null): Copies => (value === 'all' ? 'all' : 'once');
export const parseUnit = (value: string | null): Unit => (value === 'post' ? 'post' : 'author');
export const parseCorrection = (value: string | null): Correction => (value === 'none' ? 'none' : 'confusion');

/** Words on the switches, and after each chart's title and axis. */
export const UNIT_LABELS: Record<Unit, string> = { author: 'per author', post: 'per post' };
export const CORRECTION_LABELS: Record<Correction, string> = { confusion: 'corrected for classifier error', none: 'raw classifier labels' };
export const COPIES_LABELS: Record<Copies, string> = { once: 'copies once', all: 'every copy' };
