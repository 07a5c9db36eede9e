-- Words a post carries that are not its author's (a quoted post, a link card, media
-- descriptions), kept apart from `text` so that stance is judged on what the author said while
-- the topic match reads both. Empty for posts without any, and for rows stored before it.
-- migrate:up
ALTER TABLE posts_v1 ADD COLUMN context_text String AFTER text_truncated;
-- migrate:down
ALTER TABLE posts_v1 DROP COLUMN context_text;
