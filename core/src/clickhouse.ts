import { createClient, ClickHouseError, ClickHouseLogLevel, type ClickHouseClient } from '@clickhouse/client';
import { identifier, trustedSql, type Sql } from './sql.ts';

export interface ClickHouseOptions {
  url: string;
  username: string;
  password: string;
  database: string;
  /**
   * The ClickHouse cluster (remote_servers) whose Distributed tables this database holds, when
   * it was migrated with `rift migrate --cluster`; undefined on a single server.
   */
  cluster?: string;
}

/** The name of the replicated table on each server behind a Distributed table of the cluster schema. */
export function localTableName(table: string): string {
  return `${table}_local`;
}

/**
 * Settings every query gets on a cluster. A Distributed INSERT returns only once each shard holds
 * its rows (the writer reads back what it stored before its next write), and every server picks
 * the same replica of a shard, the first that is up, for reads and writes alike, so a read after a
 * write finds it even before replication has copied it.
 */
const CLUSTER_SETTINGS = { insert_distributed_sync: 1, load_balancing: 'in_order', prefer_localhost_replica: 0 } as const;

/** A Date as ClickHouse's DateTime text form; DateTime columns are declared UTC. */
export function toDateTimeText(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** ClickHouse error codes that a later attempt can get past (overload, not a wrong query). */
const RETRYABLE_CODES = new Set(['159', '160', '164', '202', '209', '210', '241', '252', '285', '319', '425']);

/** A failure of ClickHouse, with whether trying again can help. */
export class StoreError extends Error {
  override name = 'StoreError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** ClickHouse 18.16 words its errors "Code: 62, e.displayText() = ..."; the client does not parse that form. */
const OLD_ERROR_FORMAT = /^Code: (\d+), e\.displayText\(\)/;

function toStoreError(err: unknown): StoreError {
  if (err instanceof StoreError) return err;
  if (err instanceof ClickHouseError) return new StoreError(err.message, RETRYABLE_CODES.has(err.code), err.code);
  const oldFormat = err instanceof Error ? OLD_ERROR_FORMAT.exec(err.message) : null;
  if (oldFormat) return new StoreError(err instanceof Error ? err.message : String(err), RETRYABLE_CODES.has(oldFormat[1]!), oldFormat[1]);
  // Anything that is not a ClickHouse answer (refused connection, reset, timeout) is transient.
  const e = err as NodeJS.ErrnoException;
  return new StoreError(`ClickHouse unreachable: ${e?.message ?? String(err)}`, true, e?.code);
}

/** The only door to ClickHouse: queries are `Sql` fragments, never plain strings. */
export class ClickHouse {
  private readonly client: ClickHouseClient;

  constructor(readonly options: ClickHouseOptions) {
    this.client = createClient({
      url: options.url,
      username: options.username,
      password: options.password,
      database: options.database,
      request_timeout: 60_000,
      ...(options.cluster ? { clickhouse_settings: CLUSTER_SETTINGS } : {}),
      // Failures reach callers as StoreError and are logged there, once.
      log: { level: ClickHouseLogLevel.OFF },
    });
  }

  get database(): string {
    return this.options.database;
  }

  get cluster(): string | undefined {
    return this.options.cluster;
  }

  /** The table name qualified with this connection's database. */
  table(name: string): Sql {
    return qualifiedTable(this.options.database, name);
  }

  async query<T>(query: Sql, settings: Record<string, string | number> = {}): Promise<T[]> {
    try {
      const result = await this.client.query({ query: query.text, format: 'JSONEachRow', clickhouse_settings: settings });
      return await result.json<T>();
    } catch (err) {
      throw toStoreError(err);
    }
  }

  /** Rows one at a time, for results too large to hold (exports). */
  async *stream<T>(query: Sql, settings: Record<string, string | number> = {}): AsyncGenerator<T> {
    let result;
    try {
      result = await this.client.query({ query: query.text, format: 'JSONEachRow', clickhouse_settings: settings });
    } catch (err) {
      throw toStoreError(err);
    }
    for await (const rows of result.stream<T>()) {
      for (const row of rows) yield row.json();
    }
  }

  /** The result as raw bytes in an output format ClickHouse writes (CSV exports pass them on as they are). */
  async *streamBytes(query: Sql, format: string, settings: Record<string, string | number> = {}): AsyncGenerator<Uint8Array> {
    if (!/^[A-Za-z]+$/.test(format)) throw new StoreError(`not a ClickHouse format name: ${format}`, false);
    let result;
    try {
      result = await this.client.exec({ query: `${query.text}\nFORMAT ${format}`, clickhouse_settings: settings });
    } catch (err) {
      throw toStoreError(err);
    }
    try {
      for await (const chunk of result.stream) yield chunk as Uint8Array;
    } catch (err) {
      throw toStoreError(err);
    }
  }

  /** Inserts bytes already in a ClickHouse input format (restores pass Native dumps on as they are). */
  async insertBytes(table: string, format: string, values: NodeJS.ReadableStream): Promise<void> {
    if (!/^[A-Za-z]+$/.test(format)) throw new StoreError(`not a ClickHouse format name: ${format}`, false);
    try {
      const result = await this.client.exec({ query: `INSERT INTO ${this.table(table).text} FORMAT ${format}`, values: values as never });
      result.stream.resume();
    } catch (err) {
      throw toStoreError(err);
    }
  }

  async command(query: Sql): Promise<void> {
    try {
      await this.client.command({ query: query.text });
    } catch (err) {
      throw toStoreError(err);
    }
  }

  async insert<T extends object>(table: string, rows: readonly T[]): Promise<void> {
    if (rows.length === 0) return;
    try {
      await this.client.insert({ table: this.table(table).text, values: rows as T[], format: 'JSONEachRow' });
    } catch (err) {
      throw toStoreError(err);
    }
  }

  async ping(): Promise<boolean> {
    const result = await this.client.ping();
    return result.success;
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

export function qualifiedTable(database: string, table: string): Sql {
  return trustedSql(`${identifier(database).text}.${identifier(table).text}`);
}
