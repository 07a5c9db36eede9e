-- Cluster form of migrations/041_posts_context_text.sql (untested, as the rest of this folder).
ALTER TABLE rift.posts_local ON CLUSTER rift_cluster ADD COLUMN context_text String AFTER text_truncated;
ALTER TABLE rift.posts_v1 ON CLUSTER rift_cluster ADD COLUMN context_text String AFTER text_truncated;
