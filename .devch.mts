// scratch (not committed): a long-lived ClickHouse with the bench's 10M generated posts
import { ensureLocalClickHouse } from './infra/src/services/local-clickhouse.ts';
import { ClickHouse } from '@rift/core/clickhouse';
import { identifier, sql } from '@rift/core/sql';
import { Migrator } from './infra/src/migrations.ts';
import { ensureLoadedPosts } from './infra/src/bench/load-posts.ts';
const log = (l: string) => console.error(`[devch ${new Date().toISOString()}] ${l}`);
const ch = await ensureLocalClickHouse('/tmp/h18/devch', 8519, 9519, log);
const admin = new ClickHouse({ url: ch.url, username: 'default', password: '', database: 'default' });
const database = 'rift_dev';
const clickhouse = new ClickHouse({ url: ch.url, username: 'default', password: '', database });
const count = Number(process.argv[2] ?? 10_000_000);
const [have] = await admin.query<{ n: string }>(sql`SELECT count() AS n FROM system.tables WHERE database = ${database} AND name = 'posts_v1'`);
let rows = 0;
if (Number(have?.n)) rows = Number((await clickhouse.query<{ n: string }>(sql`SELECT count() AS n FROM ${clickhouse.table('posts_v1')}`))[0]?.n);
if (rows !== count) {
  const services = {
    clickhouse, database,
    async resetDatabase() {
      await admin.command(sql`CREATE DATABASE IF NOT EXISTS ${identifier(database)}`);
      await admin.command(sql`DROP DATABASE IF EXISTS ${identifier(database)}`);
      await admin.command(sql`CREATE DATABASE ${identifier(database)}`);
      const m = new Migrator(clickhouse); await m.up(); await m.close();
    },
  };
  await ensureLoadedPosts({ quick: false, log, services } as never, count);
}
log(`ready: ${ch.url} database ${database}`);
setInterval(() => {}, 1 << 30);
