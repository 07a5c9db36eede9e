import { actorStyle } from './actors';

// Distinct colours for series that are not actor classes (languages, sources, topics, stances).
const PALETTE = ['#1f5fbf', '#d4570b', '#2e8b57', '#8e44ad', '#b8860b', '#c0392b', '#16a085', '#7f8c8d', '#e377c2', '#17becf'];

export function seriesColor(dimension: string, key: string, index: number): string {
  return dimension === 'actor' ? actorStyle(key).color : PALETTE[index % PALETTE.length]!;
}

export function seriesLabel(dimension: string, key: string): string {
  return dimension === 'actor' ? actorStyle(key).label : key;
}
