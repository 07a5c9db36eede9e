import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { parseRedisUrl } from './redis-url.ts';

describe('REDIS_URL', () => {
  it('reads one server and a Redis Cluster with its seed nodes and credentials', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6379/2')).toEqual({ kind: 'single', url: 'redis://127.0.0.1:6379/2' });
    expect(parseRedisUrl('redis+cluster://10.0.0.1:7001,redis-b.internal:7002,[::1]:7003')).toEqual({
      kind: 'cluster',
      nodes: [{ host: '10.0.0.1', port: 7001 }, { host: 'redis-b.internal', port: 7002 }, { host: '::1', port: 7003 }],
    });
    expect(parseRedisUrl('redis+cluster://rift:p%40ss@h1:7001,h2:7002/')).toMatchObject({ username: 'rift', password: 'p@ss', nodes: [{ host: 'h1' }, { host: 'h2' }] });
  });

  it('refuses a malformed cluster form with an error that shows the form', () => {
    expect(() => parseRedisUrl('redis+cluster://h1:7001,h2')).toThrow('"h2" is not host:port; write redis+cluster://host1:port1,host2:port2,...');
    expect(() => parseRedisUrl('redis+cluster://h1:70000')).toThrow(/not host:port/);
    expect(() => parseRedisUrl('redis+cluster://h1:7001/3')).toThrow(/only database 0/);
    expect(() => parseRedisUrl('http://h1:7001')).toThrow(/scheme http: is not/);
  });

  it('is checked with the rest of the configuration, and a cluster needs a prefix with a hash tag', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis+cluster://h1:7001,:7002' })).toThrow(/REDIS_URL: ":7002" is not host:port/);
    expect(() => loadConfig({ REDIS_URL: 'redis+cluster://h1:7001' })).toThrow(/RIFT_QUEUE_PREFIX: a Redis Cluster needs a prefix with a \{hash tag\}, e\.g\. RIFT_QUEUE_PREFIX=\{rift\}/);
    expect(loadConfig({ REDIS_URL: 'redis+cluster://h1:7001', RIFT_QUEUE_PREFIX: '{rift}' }).REDIS_URL).toBe('redis+cluster://h1:7001');
    expect(() => loadConfig({ CLICKHOUSE_CLUSTER: 'a-b' })).toThrow(/CLICKHOUSE_CLUSTER: must be a plain identifier/);
  });
});
