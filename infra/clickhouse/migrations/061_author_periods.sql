-- The divide's per-author sums, rolled up: per author, UTC day or calendar month (grain 1 = day,
-- 2 = month: each post is counted in both, so a window is read as whole months and the days at its
-- edges), source, actor class and model version, sign-weighted sums of the author's on-topic and
-- off-topic posts, of its on-topic posts per language group (en, zh, other) and stance, and of
-- their sentiment scores. The divide (queries/src/divide-rollup.ts) groups these rows by author
-- instead of reading every stored post, when its slice needs no more than these labels.
-- The -1 copy of a re-scored or forgotten post carries the author, model version and labels it was
-- counted under (core/src/tables/posts.ts, core/src/forget.ts), so the sums stay exact. The
-- author is the divide's key (core/src/tables/author-days.ts AUTHOR_KEY). The INSERT fills it from
-- the posts already stored, once (it skips when the table holds rows); migrate with the analyze
-- workers stopped, as for 010 and 051.
-- migrate:up
CREATE TABLE IF NOT EXISTS author_periods_v1
(
    grain UInt8,
    period DateTime('UTC'),
    source String,
    actor Enum8('public' = 1, 'us_government' = 2, 'foreign_government' = 3, 'media' = 4, 'company' = 5),
    model_version String,
    author String,
    posts AggregateFunction(sum, Int64),
    off_topic_posts AggregateFunction(sum, Int64),
    en_support_ban AggregateFunction(sum, Int64),
    en_oppose_ban AggregateFunction(sum, Int64),
    en_neutral AggregateFunction(sum, Int64),
    zh_support_ban AggregateFunction(sum, Int64),
    zh_oppose_ban AggregateFunction(sum, Int64),
    zh_neutral AggregateFunction(sum, Int64),
    other_support_ban AggregateFunction(sum, Int64),
    other_oppose_ban AggregateFunction(sum, Int64),
    other_neutral AggregateFunction(sum, Int64),
    sentiment_sum AggregateFunction(sum, Float64)
)
ENGINE = AggregatingMergeTree()
PARTITION BY toYYYYMM(period)
ORDER BY (grain, actor, period, source, author, model_version);
INSERT INTO author_periods_v1 (grain, period, source, actor, model_version, author, posts, off_topic_posts, en_support_ban, en_oppose_ban, en_neutral, zh_support_ban, zh_oppose_ban, zh_neutral, other_support_ban, other_oppose_ban, other_neutral, sentiment_sum)
SELECT
    grain,
    if(grain = 1, toStartOfDay(created_at), toStartOfDay(created_at) - (toDayOfMonth(created_at) - 1) * 86400) AS period,
    source,
    actor,
    model_version,
    if(author_handle = '', concat('post\0', source, '\0', id), concat(source, '\0', author_handle)) AS author,
    sumState(toInt64(sign) * on_topic) AS posts,
    sumState(toInt64(sign) * (1 - on_topic)) AS off_topic_posts,
    sumState(toInt64(sign) * (on_topic = 1 AND lang = 'en' AND stance = 'support_ban')) AS en_support_ban,
    sumState(toInt64(sign) * (on_topic = 1 AND lang = 'en' AND stance = 'oppose_ban')) AS en_oppose_ban,
    sumState(toInt64(sign) * (on_topic = 1 AND lang = 'en' AND stance = 'neutral')) AS en_neutral,
    sumState(toInt64(sign) * (on_topic = 1 AND lang = 'zh' AND stance = 'support_ban')) AS zh_support_ban,
    sumState(toInt64(sign) * (on_topic = 1 AND lang = 'zh' AND stance = 'oppose_ban')) AS zh_oppose_ban,
    sumState(toInt64(sign) * (on_topic = 1 AND lang = 'zh' AND stance = 'neutral')) AS zh_neutral,
    sumState(toInt64(sign) * (on_topic = 1 AND lang NOT IN ('en', 'zh') AND stance = 'support_ban')) AS other_support_ban,
    sumState(toInt64(sign) * (on_topic = 1 AND lang NOT IN ('en', 'zh') AND stance = 'oppose_ban')) AS other_oppose_ban,
    sumState(toInt64(sign) * (on_topic = 1 AND lang NOT IN ('en', 'zh') AND stance = 'neutral')) AS other_neutral,
    sumState(toFloat64(sentiment_score) * sign * on_topic) AS sentiment_sum
FROM (SELECT created_at, source, id, author_handle, actor, model_version, on_topic, lang, stance, sentiment_score, sign FROM posts_v1 FINAL)
ARRAY JOIN [1, 2] AS grain
WHERE sign = 1 AND (SELECT count() FROM author_periods_v1) = 0
GROUP BY grain, period, source, actor, model_version, author;
CREATE MATERIALIZED VIEW IF NOT EXISTS author_periods_mv_v1 TO author_periods_v1 AS
SELECT
    grain,
    if(grain = 1, toStartOfDay(created_at), toStartOfDay(created_at) - (toDayOfMonth(created_at) - 1) * 86400) AS period,
    source,
    actor,
    model_version,
    if(author_handle = '', concat('post\0', source, '\0', id), concat(source, '\0', author_handle)) AS author,
    sumState(toInt64(sign) * on_topic) AS posts,
    sumState(toInt64(sign) * (1 - on_topic)) AS off_topic_posts,
    sumState(toInt64(sign) * (on_topic = 1 AND lang = 'en' AND stance = 'support_ban')) AS en_support_ban,
    sumState(toInt64(sign) * (on_topic = 1 AND lang = 'en' AND stance = 'oppose_ban')) AS en_oppose_ban,
    sumState(toInt64(sign) * (on_topic = 1 AND lang = 'en' AND stance = 'neutral')) AS en_neutral,
    sumState(toInt64(sign) * (on_topic = 1 AND lang = 'zh' AND stance = 'support_ban')) AS zh_support_ban,
    sumState(toInt64(sign) * (on_topic = 1 AND lang = 'zh' AND stance = 'oppose_ban')) AS zh_oppose_ban,
    sumState(toInt64(sign) * (on_topic = 1 AND lang = 'zh' AND stance = 'neutral')) AS zh_neutral,
    sumState(toInt64(sign) * (on_topic = 1 AND lang NOT IN ('en', 'zh') AND stance = 'support_ban')) AS other_support_ban,
    sumState(toInt64(sign) * (on_topic = 1 AND lang NOT IN ('en', 'zh') AND stance = 'oppose_ban')) AS other_oppose_ban,
    sumState(toInt64(sign) * (on_topic = 1 AND lang NOT IN ('en', 'zh') AND stance = 'neutral')) AS other_neutral,
    sumState(toFloat64(sentiment_score) * sign * on_topic) AS sentiment_sum
FROM posts_v1
ARRAY JOIN [1, 2] AS grain
GROUP BY grain, period, source, actor, model_version, author;
-- migrate:down
DROP TABLE IF EXISTS author_periods_mv_v1;
DROP TABLE IF EXISTS author_periods_v1;
