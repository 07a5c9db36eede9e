// How each actor class is named and drawn. Public and US government are the
// two sides of the divide and stand out; the other classes are drawn muted.

export interface ActorStyle {
  label: string;
  color: string;
  emphasized: boolean;
}

const KNOWN_ACTORS: Record<string, ActorStyle> = {
  public: { label: 'Public', color: '#1f5fbf', emphasized: true },
  us_government: { label: 'US government', color: '#d4570b', emphasized: true },
  foreign_government: { label: 'Foreign government', color: '#9b88b8', emphasized: false },
  media: { label: 'Media', color: '#7fa38e', emphasized: false },
  company: { label: 'Company', color: '#b59f74', emphasized: false },
};

const ACTOR_ORDER = Object.keys(KNOWN_ACTORS);

export function actorStyle(key: string): ActorStyle {
  return KNOWN_ACTORS[key] ?? { label: key.replace(/_/g, ' '), color: '#9aa0a6', emphasized: false };
}

/** Known actors first in a fixed order, then any others alphabetically. */
export function compareActorKeys(a: string, b: string): number {
  const ia = ACTOR_ORDER.indexOf(a);
  const ib = ACTOR_ORDER.indexOf(b);
  if (ia !== -1 || ib !== -1) return (ia === -1 ? Infinity : ia) - (ib === -1 ? Infinity : ib);
  return a.localeCompare(b);
}

/** CSS-safe class name used to find a series in the DOM (tests, styles). */
export function seriesClassName(key: string): string {
  return `series-${key.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}
