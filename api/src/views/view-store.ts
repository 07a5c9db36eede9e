import { randomUUID } from 'node:crypto';
import { type ClickHouse, nextVersion, SAVED_VIEWS_TABLE, sql, toDateTimeText, wholeSeconds } from '@rift/core';
import type { ViewPage } from './view-params.ts';

/**
 * Saved views in saved_views_v1. A delete inserts a newer version of the row marked deleted;
 * ReplacingMergeTree keeps the newest and reads use FINAL, so the table is the whole truth.
 */


export interface ViewInput {
  name: string;
  page: ViewPage;
  params: Record<string, string>;
}

export interface StoredView extends ViewInput {
  id: string;
  /** ISO 8601, whole seconds (DateTime's precision). */
  created_at: string;
  /** The id of the API key that saved it. */
  created_by: string;
}

interface ViewRow {
  id: string;
  name: string;
  page: ViewPage;
  params: string;
  t: number;
  created_by: string;
}

function row(view: StoredView, deleted: boolean) {
  return {
    id: view.id,
    name: view.name,
    page: view.page,
    params: JSON.stringify(view.params),
    created_at: toDateTimeText(new Date(view.created_at)),
    created_by: view.created_by,
    deleted: deleted ? 1 : 0,
    version: nextVersion(),
  };
}

const fromRow = (r: ViewRow): StoredView => ({
  id: r.id,
  name: r.name,
  page: r.page,
  params: JSON.parse(r.params) as Record<string, string>,
  created_at: new Date(r.t * 1000).toISOString(),
  created_by: r.created_by,
});

export async function createView(clickhouse: ClickHouse, input: ViewInput, createdBy: string, now = new Date()): Promise<StoredView> {
  const createdAt = wholeSeconds(now);
  const view: StoredView = { id: randomUUID(), ...input, created_at: createdAt.toISOString(), created_by: createdBy };
  await clickhouse.insert(SAVED_VIEWS_TABLE, [row(view, false)]);
  return view;
}

export async function deleteView(clickhouse: ClickHouse, view: StoredView): Promise<void> {
  await clickhouse.insert(SAVED_VIEWS_TABLE, [row(view, true)]);
}

export async function getView(clickhouse: ClickHouse, id: string): Promise<StoredView | undefined> {
  const rows = await clickhouse.query<ViewRow>(sql`
    SELECT id, name, page, params, toUInt32(created_at) AS t, created_by
    FROM ${clickhouse.table(SAVED_VIEWS_TABLE)} FINAL
    WHERE id = ${id} AND deleted = 0`);
  return rows[0] && fromRow(rows[0]);
}

/** Every live view, newest first; views saved in the same second keep their saving order. */
export async function listViews(clickhouse: ClickHouse): Promise<StoredView[]> {
  const rows = await clickhouse.query<ViewRow>(sql`
    SELECT id, name, page, params, toUInt32(created_at) AS t, created_by
    FROM ${clickhouse.table(SAVED_VIEWS_TABLE)} FINAL
    WHERE deleted = 0
    ORDER BY created_at DESC, version DESC`);
  return rows.map(fromRow);
}
