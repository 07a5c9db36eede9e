// Volume as counts or as a share of all posts from the same source(s): a choice kept in the URL
// (`volume=source_share`) on the Explorer and on "The divide".
import type { Metric } from '../api/types';

export const VOLUME_MODES = ['count', 'source_share'] as const;
export type VolumeMode = (typeof VOLUME_MODES)[number];

/** The URL's `volume`; `share`, the old per-bucket share, now opens the share of the source. */
export function parseVolumeMode(value: string | null): VolumeMode {
  return value === 'source_share' || value === 'share' ? 'source_share' : 'count';
}

/** The trend metric that draws volume in this mode. */
export function volumeMetric(mode: VolumeMode): Metric {
  return mode === 'source_share' ? 'volume_share_of_source' : 'volume';
}

/** Words on the y axis. */
export const VOLUME_AXIS_LABELS: Record<VolumeMode, string> = {
  count: 'Posts (count)',
  source_share: "Share of the source's posts",
};

/** Words on the switch. */
export const VOLUME_MODE_LABELS: Record<VolumeMode, string> = {
  count: 'counts',
  source_share: "share of the source's posts",
};
