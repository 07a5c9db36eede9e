import { type Continue, drop, type Drop, isContinue, pass, type PostInput, TermMatcher, type TopicPack } from '@rift/core';

function withTerms(post: PostInput, terms: string[]): PostInput {
  return { ...post, matched_terms: [...new Set([...(post.matched_terms ?? []), ...terms])] };
}

/** Finds the topic pack's terms in posts: to record why a post is relevant, and to keep only those that are. */
export class RelevanceFilter {
  private readonly matcher: TermMatcher;

  constructor(pack: TopicPack) {
    this.matcher = new TermMatcher(pack.relevance_terms);
  }

  /** What a post is about: its author's words and the words it carries (a quote, a link card). */
  private termsOf(post: PostInput): string[] {
    return post.context_text ? this.matcher.find(`${post.text}\n${post.context_text}`) : this.matcher.find(post.text);
  }

  /** The post with the terms it mentions recorded; kept even if it mentions none. */
  annotate(post: PostInput): PostInput {
    const terms = this.termsOf(post);
    return terms.length ? withTerms(post, terms) : post;
  }

  /** The relevance step: the post with its matched terms, or dropped as off topic if it mentions none. */
  check(post: PostInput): Continue<PostInput> | Drop {
    const terms = this.termsOf(post);
    return terms.length ? pass(withTerms(post, terms)) : drop('off_topic');
  }

  /** The post with its matched terms, or undefined if it mentions none of them. */
  apply(post: PostInput): PostInput | undefined {
    const kept = this.check(post);
    return isContinue(kept) ? kept.value : undefined;
  }
}
