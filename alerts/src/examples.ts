import type { ClickHouse } from '@rift/core';
import { queryPostPage } from '@rift/queries';
import type { NotificationExample } from './notify.ts';
import type { AlertRule } from './rule.ts';

export const EXAMPLES_PER_NOTIFICATION = 3;
const EXAMPLE_TEXT_CHARS = 280;

/** The first posts of the rule's slice in the window (the posts link's own order), shortened for a message. */
export async function notificationExamples(clickhouse: ClickHouse, rule: Pick<AlertRule, 'filters'>, window: { from: string; to: string }): Promise<NotificationExample[]> {
  const page = await queryPostPage(
    clickhouse,
    { from: new Date(window.from), to: new Date(window.to), filters: rule.filters, confidenceOn: 'stance' },
    EXAMPLES_PER_NOTIFICATION,
  );
  return page.posts.map((p) => ({
    source: p.source,
    id: p.id,
    url: p.url,
    created_at: p.created_at,
    author: p.author.handle,
    text: p.text.length > EXAMPLE_TEXT_CHARS ? `${p.text.slice(0, EXAMPLE_TEXT_CHARS - 1)}…` : p.text,
    synthetic: p.synthetic,
  }));
}
