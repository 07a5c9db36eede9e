import { localTableName } from '@rift/core';
import type { Migration } from './migration-files.ts';

/**
 * The cluster variant of the single-node migrations, generated statement by statement, so the
 * cluster schema cannot drift from the one that the single-node tests cover.
 *
 * - A MergeTree-family table `t` becomes `t_local` (the Replicated engine of the same family, with
 *   the `{shard}`/`{replica}` macros) on every server, plus a Distributed `t` over it with the same
 *   name Rift's queries use. The Distributed table shards rows by a hash of the local table's
 *   sorting key. Replacing, collapsing and aggregating merges only combine rows of one shard, and
 *   they combine exactly the rows whose sorting key is equal; hashing that key sends those rows to
 *   one shard. For posts_v1 (ORDER BY source, id) it puts every version of a post, and the sign -1
 *   copy that retracts an old score, on the same shard, where FINAL and the rollups see them together.
 * - A materialized view is created on every server and reads and writes the local tables: the
 *   replica that receives a block of posts aggregates it into its shard's local rollup, and the
 *   other replica gets both by replication (which copies parts and fires no view).
 * - INSERT ... SELECT backfills run once, through the Distributed tables; ALTERs of columns apply
 *   to the local and the Distributed table, other ALTERs (partitions, mutations) to the local one.
 */

export interface ClusterTarget {
  cluster: string;
  database: string;
}

/** What the statements seen so far created, so later ones know what a name refers to. */
interface SchemaState {
  /** Each sharded table's Distributed engine clause, to create that table again after a column change. */
  sharded: Map<string, string>;
  views: Set<string>;
}

const MERGE_TREE_ENGINE = /^(Replacing|Summing|Aggregating|Collapsing|VersionedCollapsing|Graphite)?MergeTree$/;
const IDENT = '([A-Za-z_][A-Za-z0-9_]*)';

export class ClusterSchemaError extends Error {
  override name = 'ClusterSchemaError';
}

/** The cluster variant of every migration, with the same version, name and checksum as the file it comes from. */
export function clusterMigrations(migrations: readonly Migration[], target: ClusterTarget): Migration[] {
  const state: SchemaState = { sharded: new Map(), views: new Set() };
  return migrations.map((migration) => {
    const where = `${String(migration.version).padStart(3, '0')}_${migration.name}`;
    const up = migration.up.flatMap((statement) => clusterStatement(statement, state, target, where));
    // The down part runs against the schema as its own up part left it, and leaves the state after it alone.
    const afterUp: SchemaState = { sharded: new Map(state.sharded), views: new Set(state.views) };
    const down = migration.down.flatMap((statement) => clusterStatement(statement, afterUp, target, where));
    return { ...migration, up, down };
  });
}

/** The ZooKeeper path of a replicated table: one per database and table, a child per shard. */
export function replicationPath(database: string, table: string): string {
  return `/clickhouse/tables/{shard}/${database}/${table}`;
}

function clusterStatement(statement: string, state: SchemaState, target: ClusterTarget, where: string): string[] {
  const fail = (why: string): never => {
    throw new ClusterSchemaError(`${where}: ${why}\n  in: ${statement.slice(0, 200)}`);
  };
  const onCluster = `ON CLUSTER ${quoteIdent(target.cluster)}`;
  const qualified = (name: string) => `${quoteIdent(target.database)}.${quoteIdent(name)}`;
  /** The Distributed table a sharded table is read and written through, over its local table. */
  const createDistributed = (table: string, ifNotExists = '') =>
    `CREATE TABLE ${ifNotExists}${qualified(table)} ${onCluster} AS ${qualified(localTableName(table))}\n${state.sharded.get(table)!}`;
  let match: RegExpExecArray | null;

  if ((match = new RegExp(`^CREATE\\s+TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?${IDENT}\\s*\\(`, 'i').exec(statement))) {
    const [head, ifNotExists = '', table] = match as unknown as [string, string | undefined, string];
    const bodyEnd = closingParen(statement, head.length - 1);
    const columns = statement.slice(head.length - 1, bodyEnd + 1);
    const rest = statement.slice(bodyEnd + 1);
    const engine = /^\s*ENGINE\s*=\s*([A-Za-z]+)\s*/i.exec(rest) ?? fail('a CREATE TABLE needs an ENGINE clause');
    const family = engine[1]!;
    if (!MERGE_TREE_ENGINE.test(family)) fail(`engine ${family} has no replicated form; use a MergeTree-family engine`);
    let afterEngine = rest.slice(engine[0].length);
    let args = '';
    if (afterEngine.startsWith('(')) {
      const end = closingParen(afterEngine, 0);
      args = afterEngine.slice(1, end).trim();
      afterEngine = afterEngine.slice(end + 1);
    }
    const sortingKey = orderByOf(afterEngine) ?? fail('the cluster variant needs the new ORDER BY syntax to choose a sharding key');
    const local = localTableName(table);
    const replicated = [`'${replicationPath(target.database, local)}'`, `'{replica}'`, ...(args ? [args] : [])].join(', ');
    const distributed = `ENGINE = Distributed(${quoteIdent(target.cluster)}, ${quoteIdent(target.database)}, ${quoteIdent(local)}, ${shardingKey(sortingKey)})`;
    state.sharded.set(table, distributed);
    return [
      `CREATE TABLE ${ifNotExists}${qualified(local)} ${onCluster} ${columns}\nENGINE = Replicated${family}(${replicated})${afterEngine}`,
      createDistributed(table, ifNotExists),
    ];
  }

  if ((match = new RegExp(`^CREATE\\s+(MATERIALIZED\\s+)?VIEW\\s+(IF\\s+NOT\\s+EXISTS\\s+)?${IDENT}\\s+`, 'i').exec(statement))) {
    const [head, materialized, ifNotExists = '', view] = match as unknown as [string, string | undefined, string | undefined, string];
    const rest = statement.slice(head.length);
    state.views.add(view!);
    if (!materialized) return [`CREATE VIEW ${ifNotExists}${qualified(view!)} ${onCluster} ${renameTables(rest, state, target, 'distributed')}`];
    if (/\bPOPULATE\b/i.test(rest)) fail('POPULATE would fill the view once per replica; backfill with INSERT ... SELECT instead');
    const to = new RegExp(`^TO\\s+${IDENT}\\s+`, 'i').exec(rest) ?? fail('a materialized view needs a TO table on a cluster');
    const into = to[1]!;
    if (!state.sharded.has(into)) fail(`the view's table ${into} is not created by an earlier statement`);
    const select = renameTables(rest.slice(to[0].length), state, target, 'local');
    return [`CREATE MATERIALIZED VIEW ${ifNotExists}${qualified(view!)} ${onCluster} TO ${qualified(localTableName(into))} ${select}`];
  }

  if (/^INSERT\s+INTO\s+/i.test(statement)) return [renameTables(statement, state, target, 'distributed')];

  if ((match = new RegExp(`^ALTER\\s+TABLE\\s+${IDENT}\\s+`, 'i').exec(statement))) {
    const table = match[1]!;
    const actions = statement.slice(match[0].length);
    if (state.views.has(table)) return [`ALTER TABLE ${qualified(table)} ${onCluster} ${renameTables(actions, state, target, 'local')}`];
    if (!state.sharded.has(table)) fail(`ALTER of ${table}, which no earlier statement creates`);
    const local = `ALTER TABLE ${qualified(localTableName(table))} ${onCluster} ${actions}`;
    const kinds = splitTopLevel(actions).map((action) => /^(ADD|DROP|MODIFY|RENAME|COMMENT|CLEAR)\s+COLUMN\b/i.test(action.trim()));
    // ClickHouse 18.16 refuses an ALTER ON CLUSTER of a Distributed table when the cluster's shards replicate
    // internally ("isn't replicated, but shard #1 is"), so the Distributed table is created again over
    // the changed local table instead; it holds no rows of its own.
    if (kinds.every(Boolean)) {
      return [local, `DROP TABLE IF EXISTS ${qualified(table)} ${onCluster}`, createDistributed(table)];
    }
    if (kinds.some(Boolean)) fail('split column changes and other ALTER actions into separate statements');
    return [local];
  }

  if ((match = new RegExp(`^(DROP|TRUNCATE)\\s+TABLE\\s+(IF\\s+EXISTS\\s+)?${IDENT}\\s*$`, 'i').exec(statement))) {
    const [, verb, ifExists = '', table] = match as unknown as [string, string, string | undefined, string];
    const drop = (name: string) => `${verb!.toUpperCase()} TABLE ${ifExists}${qualified(name)} ${onCluster}`;
    if (verb!.toUpperCase() === 'TRUNCATE') return [drop(state.sharded.has(table) ? localTableName(table) : table)];
    if (state.views.delete(table)) return [drop(table)];
    if (state.sharded.delete(table)) return [drop(table), drop(localTableName(table))];
    return [drop(table)];
  }

  if ((match = new RegExp(`^OPTIMIZE\\s+TABLE\\s+${IDENT}\\b`, 'i').exec(statement))) {
    const table = match[1]!;
    const name = state.sharded.has(table) ? localTableName(table) : table;
    return [`OPTIMIZE TABLE ${qualified(name)} ${onCluster}${statement.slice(match[0].length)}`];
  }

  return fail('no cluster form for this statement (supported: CREATE TABLE, CREATE [MATERIALIZED] VIEW, INSERT, ALTER TABLE, DROP/TRUNCATE/OPTIMIZE TABLE)');
}

/** The position of the parenthesis closing the one at `open`, skipping quoted text. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'" || ch === '`' || ch === '"') {
      i = endOfQuoted(text, i);
      continue;
    }
    if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  throw new ClusterSchemaError(`unbalanced parentheses in: ${text.slice(open, open + 200)}`);
}

function endOfQuoted(text: string, start: number): number {
  const quote = text[start]!;
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return i;
  }
  return text.length;
}

/** The table's sorting key, as written after ORDER BY (without its outer parentheses). */
function orderByOf(clauses: string): string | undefined {
  const match = /\bORDER\s+BY\s+/i.exec(clauses);
  if (!match) return undefined;
  const from = match.index + match[0].length;
  if (clauses[from] === '(') {
    const end = closingParen(clauses, from);
    const after = clauses.slice(end + 1);
    // ORDER BY (a, b) is the key a, b; ORDER BY (a) + 1 is an expression that starts with parentheses.
    if (/^\s*($|PRIMARY\s+KEY|SAMPLE\s+BY|SETTINGS|TTL)/i.test(after)) return clauses.slice(from + 1, end).trim();
  }
  const stop = /\b(PRIMARY\s+KEY|SAMPLE\s+BY|SETTINGS|TTL)\b/i.exec(clauses.slice(from));
  return clauses.slice(from, stop ? from + stop.index : undefined).trim();
}

function shardingKey(sortingKey: string): string {
  // A table without a sorting key has no rows that must meet on one shard.
  return sortingKey === '' || /^tuple\(\s*\)$/i.test(sortingKey) ? 'rand()' : `cityHash64(${sortingKey})`;
}

/** Splits an ALTER's action list at its top-level commas. */
function splitTopLevel(actions: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < actions.length; i++) {
    const ch = actions[i]!;
    if (ch === "'" || ch === '`' || ch === '"') i = endOfQuoted(actions, i);
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(actions.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(actions.slice(start));
  return parts;
}

/**
 * Qualifies the tables a statement reads or writes (a name after FROM, JOIN, INTO, TABLE or IN),
 * pointing sharded tables at their local or their Distributed table. Quoted text is left alone.
 */
function renameTables(text: string, state: SchemaState, target: ClusterTarget, side: 'local' | 'distributed'): string {
  // A name followed by "(" is a table function (numbers(10)) except after INTO, where a column list follows.
  const reference = new RegExp(`\\b(FROM|JOIN|INTO|TABLE|IN)(\\s+)${IDENT}\\b(?!\\.)(\\s*\\()?`, 'gi');
  let out = '';
  let i = 0;
  while (i < text.length) {
    const quote = text.slice(i).search(/['`"]/);
    const codeEnd = quote === -1 ? text.length : i + quote;
    out += text.slice(i, codeEnd).replace(reference, (whole, keyword: string, space: string, name: string, paren?: string) => {
      if (paren !== undefined && keyword.toUpperCase() !== 'INTO') return whole;
      if (!state.sharded.has(name) && !state.views.has(name)) return whole;
      const table = side === 'local' && state.sharded.has(name) ? localTableName(name) : name;
      return `${keyword}${space}${quoteIdent(target.database)}.${quoteIdent(table)}${paren ?? ''}`;
    });
    if (codeEnd === text.length) break;
    const end = endOfQuoted(text, codeEnd);
    out += text.slice(codeEnd, end + 1);
    i = end + 1;
  }
  return out;
}

function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ClusterSchemaError(`not a plain identifier: ${name}`);
  return name;
}
