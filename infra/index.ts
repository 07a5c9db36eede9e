// The schema and the local services, as the rest of Rift uses them: the migrator and the cluster
// form it generates from the migrations, backup and restore of the schema's tables, and the
// Redis and ClickHouse servers run from the system's binaries.
export { loadMigrations, parseMigration, type Migration } from './clickhouse/migration-files.ts';
export { Migrator } from './clickhouse/migrator.ts';
export { clusterMigrations, ClusterSchemaError, replicationPath, type ClusterTarget } from './clickhouse/cluster-schema.ts';
export { backup, BackupError, restore, type Manifest } from './clickhouse/backup.ts';
export { ensureServices, type Services } from './services/index.ts';
export { ensureLocalClickHouse } from './services/local-clickhouse.ts';
export { ensureLocalRedis, type LocalService } from './services/local-redis.ts';
export { clickhouseAnswers, redisAnswers } from './services/probes.ts';
export type { ManagedProcess } from './services/process-control.ts';
export { ensureDebianPackage, ensureDebianPackageFile, findExecutable, thisMachine } from './services/system-packages.ts';
