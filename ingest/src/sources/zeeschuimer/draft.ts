/**
 * What a platform mapper makes of one captured item: the canonical fields it could read, or the
 * reason the item is a stub (a thumbnail tile, a live stream) that carries no post to import.
 * A field left undefined is one the capture did not hold; it is listed in `missing_fields`.
 */
export interface Draft {
  id: string | undefined;
  url: string;
  text: string;
  created_at?: string;
  author: { handle?: string; name?: string; description?: string };
  likes?: number;
  reposts?: number;
  replies?: number;
  lang_hint?: string;
  /** Parts of the text the capture path never holds (an HTML tile has a title but no body). */
  absent?: string[];
}

export type MapResult = { draft: Draft } | { stub: string };

export type ItemMapper = (data: Record<string, unknown>) => MapResult;
