import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchPosts, postsUrl } from '../api/client';
import type { ApiPost, PostFilters } from '../api/types';

export const DRILL_PAGE_SIZE = 20;

export interface PostPages {
  posts: ApiPost[];
  /** Loading the first page or the next one. */
  loading: boolean;
  error: Error | null;
  /** More pages exist (the API gave a cursor). */
  hasMore: boolean;
  loadMore: () => void;
  retry: () => void;
}

/**
 * The posts of a slice, read a page at a time from `/api/posts` with its keyset cursor.
 * Changing the filters starts again from the first page and abandons requests in flight.
 */
export function usePostPages(filters: PostFilters, pageSize = DRILL_PAGE_SIZE): PostPages {
  const key = postsUrl(filters, pageSize);
  const [posts, setPosts] = useState<ApiPost[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const controller = useRef<AbortController | null>(null);

  const load = useCallback(
    (from: string | null, reset: boolean) => {
      controller.current?.abort();
      const mine = new AbortController();
      controller.current = mine;
      setLoading(true);
      setError(null);
      fetchPosts(filters, pageSize, from, mine.signal).then(
        (page) => {
          if (mine.signal.aborted) return;
          setPosts((before) => (reset ? page.posts : [...before, ...page.posts]));
          setCursor(page.next_cursor);
          setDone(page.next_cursor === null);
          setLoading(false);
        },
        (cause: unknown) => {
          if (mine.signal.aborted) return;
          setError(cause instanceof Error ? cause : new Error(String(cause)));
          setLoading(false);
        },
      );
    },
    // `key` captures every filter and the page size.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );

  useEffect(() => {
    setPosts([]);
    setCursor(null);
    setDone(false);
    load(null, true);
    return () => controller.current?.abort();
  }, [load]);

  return {
    posts,
    loading,
    error,
    hasMore: !done,
    loadMore: () => {
      if (!loading && !done) load(cursor, false);
    },
    retry: () => load(posts.length === 0 ? null : cursor, posts.length === 0),
  };
}
