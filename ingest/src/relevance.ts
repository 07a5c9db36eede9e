import type { PostInput } from '@rift/core/post';
import { TermMatcher } from '@rift/core/terms';
import type { TopicPack } from '@rift/core/topic-pack';

/** Keeps the posts that mention the topic pack's terms, and records which terms matched. */
export class RelevanceFilter {
  private readonly matcher: TermMatcher;

  constructor(pack: TopicPack) {
    this.matcher = new TermMatcher(pack.relevance_terms);
  }

  /** The post with its matched terms, or undefined if it does not mention any. */
  apply(post: PostInput): PostInput | undefined {
    const terms = this.matcher.find(post.text);
    if (terms.length === 0) return undefined;
    return { ...post, matched_terms: [...new Set([...(post.matched_terms ?? []), ...terms])] };
  }
}
