-- Cluster form of migrations/040_posts_missing_fields.sql (untested, as the rest of this folder):
-- the column goes on each shard's table and on the Distributed table that Rift writes through.
ALTER TABLE rift.posts_local ON CLUSTER rift_cluster ADD COLUMN missing_fields Array(String) AFTER synthetic;
ALTER TABLE rift.posts_v1 ON CLUSTER rift_cluster ADD COLUMN missing_fields Array(String) AFTER synthetic;
