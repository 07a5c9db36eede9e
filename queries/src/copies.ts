import { badRequest, COPY_DEFINITION, trustedSql } from '@rift/core';

/**
 * Copies counted once (`copies=once`) or every post (`copies=all`). The cluster of a post is
 * posts_v1.copy_cluster, given when the post was written (core/src/copy-clusters.ts); a row
 * without one (stored before migration 050 through a path that left it empty, or restored from
 * an older backup) is its own cluster.
 */
export const COPIES = ['all', 'once'] as const;
export type Copies = (typeof COPIES)[number];

/** The copy cluster of a row of posts_v1, never empty. */
export const COPY_CLUSTER_SQL = trustedSql("if(copy_cluster = '', concat(source, ':', id), copy_cluster)");

/** Columns a slice can give that posts_v1 does not store: the posts of the row's cluster in the slice. */
export const COPY_CLUSTER_SIZE = 'copy_cluster_size';

/** The JSON schema of `copies`, with the route's default. */
export function copiesProperty(fallback: Copies) {
  return {
    copies: {
      type: 'string',
      enum: COPIES,
      default: fallback,
      description: `once: each copy cluster (the same or nearly the same text: reposts, copypasta, a press release in many feeds) counts once, by its first post. all: every post counts. ${COPY_DEFINITION}`,
    },
  } as const;
}

export function parseCopies(value: string | undefined, fallback: Copies): Copies {
  if (value === undefined || value === '') return fallback;
  if (!(COPIES as readonly string[]).includes(value)) throw badRequest(`copies must be one of: ${COPIES.join(', ')}`);
  return value as Copies;
}
