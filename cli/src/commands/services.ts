import { loadConfig } from '@rift/core';
import { clickhouseAnswers, ensureServices, redisAnswers } from '@rift/infra';
import { UsageError, type Command } from '../command.ts';

const command: Command = {
  summary: 'start the local Redis and ClickHouse in the background, or show their status',
  usage: 'Usage: rift services [start|status]\n\nstart leaves the servers running; rift start and npm test reuse them.\nStop them with: kill $(pgrep -f "$RIFT_DATA_DIR") or by stopping the processes listed by status.',
  async run(args) {
    const action = args[0] ?? 'status';
    const config = loadConfig();
    if (action === 'start') {
      const services = await ensureServices(config, (line) => console.log(line));
      console.log(`Redis: ${services.redisUrl}\nClickHouse: ${services.clickhouseUrl}`);
      return 0;
    }
    if (action !== 'status') throw new UsageError(`unknown action "${action}"`);
    const redisUrl = config.REDIS_URL ?? `redis://127.0.0.1:${config.RIFT_REDIS_PORT}`;
    const clickhouseUrl = config.CLICKHOUSE_URL ?? `http://127.0.0.1:${config.RIFT_CLICKHOUSE_HTTP_PORT}`;
    const redisUp = config.REDIS_URL ? 'external' : (await redisAnswers(config.RIFT_REDIS_PORT)) ? 'up' : 'down';
    const clickhouseUp = (await clickhouseAnswers(clickhouseUrl)) ? 'up' : 'down';
    console.log(`Redis       ${redisUrl}  ${redisUp}\nClickHouse  ${clickhouseUrl}  ${clickhouseUp}`);
    return 0;
  },
};

export default command;
