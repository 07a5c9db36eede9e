import { useState } from 'react';
import type { ApiPost } from '../api/types';
import { safeHttpUrl } from '../chart/drill';
import { formatCount } from '../chart/format';
import { ErrorMessage, LoadingMessage } from '../divide/StatusMessage';
import { usePostPages } from '../hooks/usePostPages';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/**
 * A post's copy cluster when it has other members: how many posts share the text, and a button
 * that lists them (`/api/posts?copy_cluster=...`, a page at a time). A post that copies none and
 * that none copies shows nothing.
 */
export function CopyCluster({ post }: { post: ApiPost }) {
  const [open, setOpen] = useState(false);
  const size = post.copy_cluster_size;
  if (!(size > 1)) return null;
  const first = post.copy_cluster === `${post.source}:${post.id}`;
  return (
    <div className="copy-cluster" data-testid="copy-cluster" data-cluster={post.copy_cluster} data-size={size}>
      <p className="copy-cluster-size">
        {first ? 'First of' : 'One of'} {formatCount(size)} posts with the same or nearly the same text (copy cluster{' '}
        <code>{post.copy_cluster}</code>).{' '}
        <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide the copies' : `List the ${formatCount(size)} posts`}
        </button>
      </p>
      {open && <ClusterMembers cluster={post.copy_cluster} size={size} />}
    </div>
  );
}

function ClusterMembers({ cluster, size }: { cluster: string; size: number }) {
  const pages = usePostPages({ copy_cluster: cluster });
  return (
    <div className="copy-cluster-members" data-testid="copy-cluster-members">
      <p className="drill-down-count" role="status">
        Showing {formatCount(pages.posts.length)} of {formatCount(size)} posts of the cluster, oldest first.
      </p>
      {pages.loading && pages.posts.length === 0 && <LoadingMessage what="the copies" />}
      {pages.posts.length > 0 && (
        <ol className="copy-cluster-list">
          {pages.posts.map((member) => (
            <ClusterMember key={`${member.source}/${member.id}`} post={member} cluster={cluster} />
          ))}
        </ol>
      )}
      {pages.error && <ErrorMessage what="the copies" error={pages.error} onRetry={pages.retry} />}
      {pages.hasMore && pages.posts.length > 0 && !pages.error && (
        <button type="button" className="drill-more" onClick={pages.loadMore} disabled={pages.loading}>
          {pages.loading ? 'Loading…' : 'Show more copies'}
        </button>
      )}
    </div>
  );
}

/** One member, short: who, when, where, the text (copies differ by a few words) and the link. */
function ClusterMember({ post, cluster }: { post: ApiPost; cluster: string }) {
  const href = safeHttpUrl(post.url);
  const author = post.author.name || post.author.handle || 'unknown author';
  return (
    <li className="copy-cluster-member" data-post-id={post.id} data-post-source={post.source}>
      <span className="post-author">{author}</span> · <time dateTime={post.created_at}>{when.format(Date.parse(post.created_at))} UTC</time> · {post.source}
      {`${post.source}:${post.id}` === cluster && ' · first post'}
      {href && (
        <>
          {' · '}
          <a href={href} target="_blank" rel="noopener noreferrer nofollow">
            original<span className="visually-hidden"> post by {author}</span>
          </a>
        </>
      )}
      <span className="copy-cluster-text" lang={post.lang || undefined}>
        {post.text}
      </span>
    </li>
  );
}
