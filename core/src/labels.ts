/** The closed label sets of the analysis. Order matters: ClickHouse Enum8 values follow it. */

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export const STANCE_LABELS = ['support_ban', 'oppose_ban', 'neutral'] as const;
export type StanceLabel = (typeof STANCE_LABELS)[number];

export const ACTOR_CLASSES = ['public', 'us_government', 'foreign_government', 'media', 'company'] as const;
export type ActorClass = (typeof ACTOR_CLASSES)[number];
