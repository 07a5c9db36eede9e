import { useEffect, useRef } from 'react';
import type { SliceFilters } from '../api/types';
import { formatCount } from '../chart/format';
import { ErrorMessage, EmptyMessage, LoadingMessage } from '../divide/StatusMessage';
import { usePostPages } from '../hooks/usePostPages';
import { PostItem } from './PostItem';
import { WhatMoved } from './WhatMoved';

interface DrillDownPanelProps {
  /** What the panel shows, e.g. "Public, week of 6 Jan 2025". */
  title: string;
  filters: SliceFilters;
  /** The n the chart gave the point, if known. */
  expected?: number;
  /** The chart counted each copy cluster once: its n is then not the number of posts listed. */
  countedOnce?: boolean;
  onClose: () => void;
}

/** The posts behind a chart point, a page at a time, with links to the originals and the scores. */
export function DrillDownPanel({ title, filters, expected, countedOnce, onClose }: DrillDownPanelProps) {
  const pages = usePostPages(filters);
  const heading = useRef<HTMLHeadingElement>(null);

  // Move focus to the panel when it opens or changes, so keyboard users land on the list.
  useEffect(() => heading.current?.focus(), [title]);

  const firstLoad = pages.loading && pages.posts.length === 0;
  return (
    <section
      className="drill-down"
      data-testid="drill-down"
      data-state={firstLoad ? 'loading' : pages.error ? 'error' : 'ready'}
      aria-label={`Posts behind ${title}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <header className="drill-down-header">
        <h3 ref={heading} tabIndex={-1}>
          Posts behind: {title}
        </h3>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <p className="drill-down-count" role="status">
        Showing {formatCount(pages.posts.length)}
        {expected !== undefined && !countedOnce && ` of ${formatCount(expected)}`} posts, oldest first.
        {countedOnce &&
          ` Every copy is listed; the chart counted ${expected === undefined ? 'each copy cluster' : `${formatCount(expected)} here, each copy cluster`} once, at its first post in the chart's window. A post whose text others share says so under it.`}
      </p>
      <WhatMoved filters={filters} />
      {firstLoad && <LoadingMessage what="the posts" />}
      {!pages.loading && !pages.error && pages.posts.length === 0 && (
        <EmptyMessage>No posts match this point. They may have been re-scored since the chart was drawn.</EmptyMessage>
      )}
      {pages.posts.length > 0 && (
        <ol className="post-list">
          {pages.posts.map((post) => (
            <PostItem key={`${post.source}/${post.id}`} post={post} />
          ))}
        </ol>
      )}
      {pages.error && <ErrorMessage what="the posts" error={pages.error} onRetry={pages.retry} />}
      {pages.hasMore && pages.posts.length > 0 && !pages.error && (
        <button type="button" className="drill-more" onClick={pages.loadMore} disabled={pages.loading}>
          {pages.loading ? 'Loading…' : 'Show more posts'}
        </button>
      )}
    </section>
  );
}
