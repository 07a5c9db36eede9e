-- Off-topic is not neutral. Each post stores whether it is about the topic pack's subject
-- (on_topic: the shared relevance step found one of the pack's relevance terms, so matched_terms is
-- not empty; core/src/on-topic.ts). Stored rows get the same rule through the column's DEFAULT.
-- The trend rollups count an off-topic post under the stance label 'off_topic' instead of the
-- label the classifier gave it, so shares and means leave it out and it stays visible as its own
-- count. An AggregatingMergeTree's key cannot gain a column on ClickHouse 18.16, but an Enum can
-- gain a value in place, so the label is a new value of the rollups' stance column (posts_v1's
-- stance keeps the classifier's label). The views are replaced; the INSERTs then move the posts
-- already stored and off topic from their old label to 'off_topic' with signed rows (-1 out, +1 in),
-- once (they skip when the rollup already counts off-topic posts). Migrate with the analyze
-- workers stopped, as for 009: a post written between a DROP and its CREATE would miss a rollup
-- (`rift rollups verify` finds that month, `rift rollups rebuild` fixes it).
-- migrate:up
ALTER TABLE posts_v1 ADD COLUMN on_topic UInt8 DEFAULT toUInt8(notEmpty(matched_terms));
ALTER TABLE trends_hourly_v1 MODIFY COLUMN stance Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4);
ALTER TABLE topic_trends_hourly_v1 MODIFY COLUMN stance Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4);
ALTER TABLE trends_daily_v1 MODIFY COLUMN stance Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4);
ALTER TABLE topic_trends_daily_v1 MODIFY COLUMN stance Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4);
DROP TABLE IF EXISTS trends_hourly_mv_v1;
CREATE MATERIALIZED VIEW IF NOT EXISTS trends_hourly_mv_v1 TO trends_hourly_v1 AS
SELECT
    toStartOfHour(created_at) AS hour,
    source,
    actor,
    CAST(if(on_topic = 1, toString(stance), 'off_topic') AS Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4)) AS stance,
    sentiment,
    lang,
    sumState(toInt64(sign)) AS posts,
    sumState(toFloat64(sentiment_score) * sign) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * sign) AS sentiment_sq_sum
FROM posts_v1
GROUP BY hour, source, actor, stance, sentiment, lang;
DROP TABLE IF EXISTS topic_trends_hourly_mv_v1;
CREATE MATERIALIZED VIEW IF NOT EXISTS topic_trends_hourly_mv_v1 TO topic_trends_hourly_v1 AS
SELECT
    toStartOfHour(created_at) AS hour,
    topic,
    source,
    actor,
    CAST(if(on_topic = 1, toString(stance), 'off_topic') AS Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4)) AS stance,
    sentiment,
    lang,
    sumState(toInt64(sign)) AS posts,
    sumState(toFloat64(sentiment_score) * sign) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * sign) AS sentiment_sq_sum
FROM posts_v1
ARRAY JOIN topics AS topic
GROUP BY hour, topic, source, actor, stance, sentiment, lang;
DROP TABLE IF EXISTS trends_daily_mv_v1;
CREATE MATERIALIZED VIEW IF NOT EXISTS trends_daily_mv_v1 TO trends_daily_v1 AS
SELECT
    toStartOfDay(created_at) AS day,
    source,
    actor,
    CAST(if(on_topic = 1, toString(stance), 'off_topic') AS Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4)) AS stance,
    sentiment,
    lang,
    sumState(toInt64(sign)) AS posts,
    sumState(toFloat64(sentiment_score) * sign) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * sign) AS sentiment_sq_sum
FROM posts_v1
GROUP BY day, source, actor, stance, sentiment, lang;
DROP TABLE IF EXISTS topic_trends_daily_mv_v1;
CREATE MATERIALIZED VIEW IF NOT EXISTS topic_trends_daily_mv_v1 TO topic_trends_daily_v1 AS
SELECT
    toStartOfDay(created_at) AS day,
    topic,
    source,
    actor,
    CAST(if(on_topic = 1, toString(stance), 'off_topic') AS Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4)) AS stance,
    sentiment,
    lang,
    sumState(toInt64(sign)) AS posts,
    sumState(toFloat64(sentiment_score) * sign) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * sign) AS sentiment_sq_sum
FROM posts_v1
ARRAY JOIN topics AS topic
GROUP BY day, topic, source, actor, stance, sentiment, lang;
INSERT INTO trends_hourly_v1 (hour, source, actor, stance, sentiment, lang, posts, sentiment_sum, sentiment_sq_sum)
SELECT
    toStartOfHour(created_at) AS hour, source, actor,
    CAST(if(flip = -1, toString(stance), 'off_topic') AS Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4)) AS stance, sentiment, lang,
    sumState(toInt64(flip)) AS posts,
    sumState(toFloat64(sentiment_score) * flip) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * flip) AS sentiment_sq_sum
FROM (SELECT *, arrayJoin([-1, 1]) AS flip FROM (SELECT * FROM posts_v1 FINAL) WHERE sign = 1 AND on_topic = 0)
WHERE (SELECT sumMerge(posts) FROM trends_hourly_v1 WHERE stance = 'off_topic') = 0
GROUP BY hour, source, actor, stance, sentiment, lang;
INSERT INTO topic_trends_hourly_v1 (hour, topic, source, actor, stance, sentiment, lang, posts, sentiment_sum, sentiment_sq_sum)
SELECT
    toStartOfHour(created_at) AS hour, topic, source, actor,
    CAST(if(flip = -1, toString(stance), 'off_topic') AS Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4)) AS stance, sentiment, lang,
    sumState(toInt64(flip)) AS posts,
    sumState(toFloat64(sentiment_score) * flip) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * flip) AS sentiment_sq_sum
FROM (SELECT *, arrayJoin([-1, 1]) AS flip FROM (SELECT * FROM posts_v1 FINAL) WHERE sign = 1 AND on_topic = 0) ARRAY JOIN topics AS topic
WHERE (SELECT sumMerge(posts) FROM topic_trends_hourly_v1 WHERE stance = 'off_topic') = 0
GROUP BY hour, topic, source, actor, stance, sentiment, lang;
INSERT INTO trends_daily_v1 (day, source, actor, stance, sentiment, lang, posts, sentiment_sum, sentiment_sq_sum)
SELECT
    toStartOfDay(created_at) AS day, source, actor,
    CAST(if(flip = -1, toString(stance), 'off_topic') AS Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4)) AS stance, sentiment, lang,
    sumState(toInt64(flip)) AS posts,
    sumState(toFloat64(sentiment_score) * flip) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * flip) AS sentiment_sq_sum
FROM (SELECT *, arrayJoin([-1, 1]) AS flip FROM (SELECT * FROM posts_v1 FINAL) WHERE sign = 1 AND on_topic = 0)
WHERE (SELECT sumMerge(posts) FROM trends_daily_v1 WHERE stance = 'off_topic') = 0
GROUP BY day, source, actor, stance, sentiment, lang;
INSERT INTO topic_trends_daily_v1 (day, topic, source, actor, stance, sentiment, lang, posts, sentiment_sum, sentiment_sq_sum)
SELECT
    toStartOfDay(created_at) AS day, topic, source, actor,
    CAST(if(flip = -1, toString(stance), 'off_topic') AS Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4)) AS stance, sentiment, lang,
    sumState(toInt64(flip)) AS posts,
    sumState(toFloat64(sentiment_score) * flip) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * flip) AS sentiment_sq_sum
FROM (SELECT *, arrayJoin([-1, 1]) AS flip FROM (SELECT * FROM posts_v1 FINAL) WHERE sign = 1 AND on_topic = 0) ARRAY JOIN topics AS topic
WHERE (SELECT sumMerge(posts) FROM topic_trends_daily_v1 WHERE stance = 'off_topic') = 0
GROUP BY day, topic, source, actor, stance, sentiment, lang;
-- migrate:down
-- The rollups keep the 'off_topic' value in their stance Enum (removing a value that rows still
-- hold is refused); their off-topic counts go back to the posts' own labels and net to zero.
INSERT INTO trends_hourly_v1 (hour, source, actor, stance, sentiment, lang, posts, sentiment_sum, sentiment_sq_sum)
SELECT
    toStartOfHour(created_at) AS hour, source, actor,
    CAST(if(flip = -1, 'off_topic', toString(stance)) AS Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4)) AS stance, sentiment, lang,
    sumState(toInt64(flip)) AS posts,
    sumState(toFloat64(sentiment_score) * flip) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * flip) AS sentiment_sq_sum
FROM (SELECT *, arrayJoin([-1, 1]) AS flip FROM (SELECT * FROM posts_v1 FINAL) WHERE sign = 1 AND on_topic = 0)
WHERE (SELECT sumMerge(posts) FROM trends_hourly_v1 WHERE stance = 'off_topic') != 0
GROUP BY hour, source, actor, stance, sentiment, lang;
INSERT INTO topic_trends_hourly_v1 (hour, topic, source, actor, stance, sentiment, lang, posts, sentiment_sum, sentiment_sq_sum)
SELECT
    toStartOfHour(created_at) AS hour, topic, source, actor,
    CAST(if(flip = -1, 'off_topic', toString(stance)) AS Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4)) AS stance, sentiment, lang,
    sumState(toInt64(flip)) AS posts,
    sumState(toFloat64(sentiment_score) * flip) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * flip) AS sentiment_sq_sum
FROM (SELECT *, arrayJoin([-1, 1]) AS flip FROM (SELECT * FROM posts_v1 FINAL) WHERE sign = 1 AND on_topic = 0) ARRAY JOIN topics AS topic
WHERE (SELECT sumMerge(posts) FROM topic_trends_hourly_v1 WHERE stance = 'off_topic') != 0
GROUP BY hour, topic, source, actor, stance, sentiment, lang;
INSERT INTO trends_daily_v1 (day, source, actor, stance, sentiment, lang, posts, sentiment_sum, sentiment_sq_sum)
SELECT
    toStartOfDay(created_at) AS day, source, actor,
    CAST(if(flip = -1, 'off_topic', toString(stance)) AS Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4)) AS stance, sentiment, lang,
    sumState(toInt64(flip)) AS posts,
    sumState(toFloat64(sentiment_score) * flip) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * flip) AS sentiment_sq_sum
FROM (SELECT *, arrayJoin([-1, 1]) AS flip FROM (SELECT * FROM posts_v1 FINAL) WHERE sign = 1 AND on_topic = 0)
WHERE (SELECT sumMerge(posts) FROM trends_daily_v1 WHERE stance = 'off_topic') != 0
GROUP BY day, source, actor, stance, sentiment, lang;
INSERT INTO topic_trends_daily_v1 (day, topic, source, actor, stance, sentiment, lang, posts, sentiment_sum, sentiment_sq_sum)
SELECT
    toStartOfDay(created_at) AS day, topic, source, actor,
    CAST(if(flip = -1, 'off_topic', toString(stance)) AS Enum8('support_ban' = 1, 'oppose_ban' = 2, 'neutral' = 3, 'off_topic' = 4)) AS stance, sentiment, lang,
    sumState(toInt64(flip)) AS posts,
    sumState(toFloat64(sentiment_score) * flip) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * flip) AS sentiment_sq_sum
FROM (SELECT *, arrayJoin([-1, 1]) AS flip FROM (SELECT * FROM posts_v1 FINAL) WHERE sign = 1 AND on_topic = 0) ARRAY JOIN topics AS topic
WHERE (SELECT sumMerge(posts) FROM topic_trends_daily_v1 WHERE stance = 'off_topic') != 0
GROUP BY day, topic, source, actor, stance, sentiment, lang;
DROP TABLE IF EXISTS trends_hourly_mv_v1;
CREATE MATERIALIZED VIEW IF NOT EXISTS trends_hourly_mv_v1 TO trends_hourly_v1 AS
SELECT
    toStartOfHour(created_at) AS hour,
    source,
    actor,
    stance,
    sentiment,
    lang,
    sumState(toInt64(sign)) AS posts,
    sumState(toFloat64(sentiment_score) * sign) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * sign) AS sentiment_sq_sum
FROM posts_v1
GROUP BY hour, source, actor, stance, sentiment, lang;
DROP TABLE IF EXISTS topic_trends_hourly_mv_v1;
CREATE MATERIALIZED VIEW IF NOT EXISTS topic_trends_hourly_mv_v1 TO topic_trends_hourly_v1 AS
SELECT
    toStartOfHour(created_at) AS hour,
    topic,
    source,
    actor,
    stance,
    sentiment,
    lang,
    sumState(toInt64(sign)) AS posts,
    sumState(toFloat64(sentiment_score) * sign) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * sign) AS sentiment_sq_sum
FROM posts_v1
ARRAY JOIN topics AS topic
GROUP BY hour, topic, source, actor, stance, sentiment, lang;
DROP TABLE IF EXISTS trends_daily_mv_v1;
CREATE MATERIALIZED VIEW IF NOT EXISTS trends_daily_mv_v1 TO trends_daily_v1 AS
SELECT
    toStartOfDay(created_at) AS day,
    source,
    actor,
    stance,
    sentiment,
    lang,
    sumState(toInt64(sign)) AS posts,
    sumState(toFloat64(sentiment_score) * sign) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * sign) AS sentiment_sq_sum
FROM posts_v1
GROUP BY day, source, actor, stance, sentiment, lang;
DROP TABLE IF EXISTS topic_trends_daily_mv_v1;
CREATE MATERIALIZED VIEW IF NOT EXISTS topic_trends_daily_mv_v1 TO topic_trends_daily_v1 AS
SELECT
    toStartOfDay(created_at) AS day,
    topic,
    source,
    actor,
    stance,
    sentiment,
    lang,
    sumState(toInt64(sign)) AS posts,
    sumState(toFloat64(sentiment_score) * sign) AS sentiment_sum,
    sumState(toFloat64(sentiment_score) * sentiment_score * sign) AS sentiment_sq_sum
FROM posts_v1
ARRAY JOIN topics AS topic
GROUP BY day, topic, source, actor, stance, sentiment, lang;
ALTER TABLE posts_v1 DROP COLUMN on_topic;
