/**
 * Zeeschuimer's export line: one captured item in an envelope that says where and when it was
 * captured (`source_platform` is the extension module's id, e.g. "xiaohongshu.com" or
 * "tiktok-comments"; `timestamp_collected` is milliseconds) with the platform's own JSON in `data`.
 */
import { isObject, type Json } from './item-fields.ts';

export interface Envelope {
  item_id: string;
  timestamp_collected: number;
  source_platform: string;
  source_platform_url: string;
  source_url: string;
  data: Json;
}

/** The sources Rift files Zeeschuimer items under, one per platform. */
export const ZEESCHUIMER_SOURCES = ['rednote', 'tiktok', 'douyin'] as const;
export type ZeeschuimerSource = (typeof ZEESCHUIMER_SOURCES)[number];

/** The envelope of a parsed line, or undefined if the line is not a Zeeschuimer item. */
export function readEnvelope(row: unknown): Envelope | undefined {
  if (!isObject(row) || !isObject(row.data)) return undefined;
  if (typeof row.source_platform !== 'string' || typeof row.timestamp_collected !== 'number') return undefined;
  return {
    item_id: row.item_id === undefined || row.item_id === null ? '' : String(row.item_id),
    timestamp_collected: row.timestamp_collected,
    source_platform: row.source_platform,
    source_platform_url: typeof row.source_platform_url === 'string' ? row.source_platform_url : '',
    source_url: typeof row.source_url === 'string' ? row.source_url : '',
    data: row.data,
  };
}

/**
 * The Rift source for a Zeeschuimer platform id, as the envelope or the upload's
 * X-Zeeschuimer-Platform header names it; undefined for platforms Rift does not read.
 */
export function sourceOfPlatform(platform: string): ZeeschuimerSource | undefined {
  const name = platform.trim().toLowerCase().replace(/^www\./, '');
  if (/^(xiaohongshu|rednote|xhs)([.-]|$)/.test(name)) return 'rednote';
  if (/^tiktok([.-]|$)/.test(name)) return 'tiktok';
  if (/^douyin([.-]|$)/.test(name)) return 'douyin';
  return undefined;
}
