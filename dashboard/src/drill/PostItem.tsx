import type { ApiPost } from '../api/types';
import { actorStyle } from '../chart/actors';
import { safeHttpUrl } from '../chart/drill';
import { CopyCluster } from './CopyCluster';

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const score = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, signDisplay: 'exceptZero' });
const share = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });

/**
 * One post of a drill-down: its text as plain text (never parsed as HTML), a link to the
 * original, and why it was scored as it was.
 */
export function PostItem({ post }: { post: ApiPost }) {
  const href = safeHttpUrl(post.url);
  const author = post.author.name || post.author.handle || 'unknown author';
  return (
    <li className="post-item" data-post-id={post.id} data-post-source={post.source}>
      <p className="post-meta">
        <span className="post-author">{author}</span>
        {post.author.handle && post.author.name && <span className="post-handle"> @{post.author.handle}</span>}
        {' · '}
        <time dateTime={post.created_at}>{when.format(Date.parse(post.created_at))} UTC</time>
        {' · '}
        {post.source}
        {post.synthetic && <span className="synthetic-badge">synthetic</span>}
      </p>
      <p className="post-text" lang={post.lang || undefined}>
        {post.text}
        {post.text_truncated && <span className="post-truncated"> (text shortened)</span>}
      </p>
      <dl className="post-scores">
        <div>
          <dt>Stance</dt>
          <dd>
            {post.stance.label} ({share.format(post.stance.confidence)} confident)
          </dd>
        </div>
        <div>
          <dt>Sentiment</dt>
          <dd>
            {post.sentiment.label}, {score.format(post.sentiment.score)} ({share.format(post.sentiment.confidence)} confident)
          </dd>
        </div>
        <div>
          <dt>Actor</dt>
          <dd>
            {actorStyle(post.actor.label).label} ({share.format(post.actor.confidence)} confident)
          </dd>
        </div>
        <div>
          <dt>Matched terms</dt>
          <dd>{post.matched_terms.join(', ') || 'none'}</dd>
        </div>
        <div>
          <dt>Topics</dt>
          <dd>{post.topics.join(', ') || 'none'}</dd>
        </div>
        <div>
          <dt>Model</dt>
          <dd>{post.model_version}</dd>
        </div>
        <div>
          <dt>Language</dt>
          <dd>{post.lang || 'unknown'}</dd>
        </div>
      </dl>
      <CopyCluster post={post} />
      <p className="post-link">
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer nofollow">
            Open the original<span className="visually-hidden"> post by {author}</span>
          </a>
        ) : (
          <span>Original: {post.url || 'no link given'}</span>
        )}
      </p>
    </li>
  );
}
