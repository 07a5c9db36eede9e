import { type ClickHouse, clickhouseQuerySeconds, HttpError, secondsSince, StoreError } from '@rift/core';

export interface QueryLimits {
  /** ClickHouse max_execution_time, in seconds. */
  timeoutSeconds: number;
  /** ClickHouse max_result_rows; a larger answer is refused, never cut silently. */
  maxRows: number;
}

/** ClickHouse error codes: TIMEOUT_EXCEEDED and TOO_MANY_ROWS_OR_BYTES. */
const TIMEOUT_EXCEEDED = '159';
const TOO_MANY_ROWS = '396';

/**
 * The ClickHouse connection as the API's routes see it: every query carries the API's limits
 * and is timed for /metrics, and hitting a limit becomes an answer that names it. The object
 * inherits everything else (table names, ping, stream) from the shared connection, so it opens
 * no second connection pool.
 *
 * `stream` (exports) is left without the limits: a long download is not a slow query, and
 * its own route decides how much it sends.
 */
export function limitQueries(clickhouse: ClickHouse, limits: QueryLimits): ClickHouse {
  const settings = {
    max_execution_time: limits.timeoutSeconds,
    max_result_rows: limits.maxRows,
    result_overflow_mode: 'throw',
  };
  const limited = Object.create(clickhouse) as ClickHouse;
  limited.query = async <T>(query: Parameters<ClickHouse['query']>[0], extra: Record<string, string | number> = {}) => {
    const start = process.hrtime.bigint();
    try {
      const rows = await clickhouse.query<T>(query, { ...settings, ...extra });
      clickhouseQuerySeconds.observe({ outcome: 'ok' }, secondsSince(start));
      return rows;
    } catch (err) {
      clickhouseQuerySeconds.observe({ outcome: 'error' }, secondsSince(start));
      throw explain(err, limits);
    }
  };
  return limited;
}

function explain(err: unknown, limits: QueryLimits): unknown {
  if (!(err instanceof StoreError)) return err;
  const code = err.code;
  if (code === TIMEOUT_EXCEEDED) {
    return new HttpError(504, `the query took longer than the API's limit of ${limits.timeoutSeconds} s; ask for a shorter window, a coarser granularity or fewer series`);
  }
  if (code === TOO_MANY_ROWS) {
    return new HttpError(400, `the answer would have more than ${limits.maxRows} rows, the API's limit; ask for a shorter window, a coarser granularity or fewer series`);
  }
  return err;
}
