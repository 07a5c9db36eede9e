-- Copies count once. Each post stores its copy cluster: the "source:id" of the first post seen
-- with the same or nearly the same normalised text (MinHash bands, core/src/copy-signature.ts),
-- given by the analyze writer when the post is written (core/src/copy-clusters.ts), and the hash
-- of its normalised text, so that a rewrite of the same text keeps its cluster. Rows stored before
-- this migration are their own cluster (the DEFAULT) with an empty copy_hash, so a re-score gives
-- them a cluster. Queries read the cluster through COPY_CLUSTER_SQL (api/src/queries/copies.ts),
-- which also treats an empty value as the post's own id. ClickHouse 18.16 has no ADD COLUMN IF
-- NOT EXISTS; the migrator records each statement only after it succeeds.
-- migrate:up
ALTER TABLE posts_v1 ADD COLUMN copy_cluster String DEFAULT concat(source, ':', id) AFTER fingerprint;
ALTER TABLE posts_v1 ADD COLUMN copy_hash String AFTER copy_cluster;
-- migrate:down
ALTER TABLE posts_v1 DROP COLUMN copy_hash;
ALTER TABLE posts_v1 DROP COLUMN copy_cluster;
