import { getJson } from '../api/client';
import { sendJson } from '../api/write';

// The saved views of /api/views: a page's URL state under a name (api/src/routes/views.ts).

export type SavedViewPage = 'divide' | 'explore';

export interface SavedView {
  id: string;
  name: string;
  page: SavedViewPage;
  params: Record<string, string>;
  /** The dashboard link that reopens the view, e.g. "/explore?metric=volume&...". */
  url: string;
  created_at: string;
}

export const NAME_MAX_LENGTH = 120;

export const fetchSavedViews = (signal?: AbortSignal) => getJson<{ views: SavedView[] }>('/api/views', signal);

/** Saves the page's current URL parameters under a name; any key may save. */
export function saveCurrentView(name: string, page: SavedViewPage): Promise<SavedView> {
  const params = Object.fromEntries(new URLSearchParams(window.location.search));
  return sendJson<SavedView>('POST', '/api/views', { name, page, params });
}

export const deleteSavedView = (id: string) => sendJson<void>('DELETE', `/api/views/${encodeURIComponent(id)}`);

/** The alerts page takes a saved view's filters from this link. */
export const alertFromViewUrl = (id: string) => `/alerts?from_view=${encodeURIComponent(id)}`;
