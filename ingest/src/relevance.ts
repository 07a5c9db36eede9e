import type { PostInput } from '@rift/core/post';
import { TermMatcher } from '@rift/core/terms';
import type { TopicPack } from '@rift/core/topic-pack';

function withTerms(post: PostInput, terms: string[]): PostInput {
  return { ...post, matched_terms: [...new Set([...(post.matched_terms ?? []), ...terms])] };
}

/** Finds the topic pack's terms in posts: to record why a post is relevant, and to keep only those that are. */
export class RelevanceFilter {
  private readonly matcher: TermMatcher;

  constructor(pack: TopicPack) {
    this.matcher = new TermMatcher(pack.relevance_terms);
  }

  /** The post with the terms it mentions recorded; kept even if it mentions none. */
  annotate(post: PostInput): PostInput {
    const terms = this.matcher.find(post.text);
    return terms.length ? withTerms(post, terms) : post;
  }

  /** The post with its matched terms, or undefined if it mentions none of them. */
  apply(post: PostInput): PostInput | undefined {
    const terms = this.matcher.find(post.text);
    return terms.length ? withTerms(post, terms) : undefined;
  }
}
