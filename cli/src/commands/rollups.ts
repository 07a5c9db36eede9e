import { checkRollups, isConsistent, rebuildRollupMonth, type MonthCheck } from '@rift/core';
import { openRuntime } from '../runtime.ts';
import { parseCommandArgs } from '../args.ts';
import { UsageError, type Command } from '../command.ts';

function describe(check: MonthCheck): string {
  const state = isConsistent(check) ? 'ok' : 'MISMATCH';
  return (
    `${check.month}  posts ${check.posts}  trends ${check.trends} (daily ${check.dailyTrends}, compact ${check.dailyCompactTrends})  ` +
    `topic mentions ${check.topicMentions}  topic trends ${check.topicTrends} (daily ${check.dailyTopicTrends}, compact ${check.dailyCompactTopicTrends})  source hourly ${check.sourceHourly}  authors ${check.authors} (daily ${check.authorDays})  author periods ${check.authorPeriodDays} (months ${check.authorPeriodMonths})  ${state}`
  );
}

const command: Command = {
  summary: 'check the hourly and daily rollups against the stored posts, month by month, and rebuild those that differ',
  usage: [
    'Usage: rift rollups verify          exit 1 if any month differs',
    '       rift rollups rebuild [--month YYYYMM]   rebuild the months that differ (or the one given)',
    '',
    'The materialized views keep the rollups equal to the stored posts unless ClickHouse dies',
    'between writing a post and its view rows. Stop the analyze workers before a rebuild.',
  ].join('\n'),
  async run(args) {
    const [action, ...rest] = args;
    const { values } = parseCommandArgs(rest, { month: { type: 'string' } });
    if (action !== 'verify' && action !== 'rebuild') throw new UsageError('expected verify or rebuild');
    if (values.month !== undefined && !/^\d{6}$/.test(values.month)) throw new UsageError('--month must look like 202501');
    const runtime = await openRuntime({ name: 'rift-rollups', migrate: true });
    try {
      const checks = await checkRollups(runtime.clickhouse);
      if (action === 'verify') {
        for (const check of checks) console.log(describe(check));
        return checks.every(isConsistent) ? 0 : 1;
      }
      const months = values.month ? [Number(values.month)] : checks.filter((c) => !isConsistent(c)).map((c) => c.month);
      for (const month of months) {
        await rebuildRollupMonth(runtime.clickhouse, month);
        console.log(`rebuilt ${month}`);
      }
      if (months.length === 0) console.log('every month is consistent; nothing to rebuild');
      return 0;
    } finally {
      await runtime.close();
    }
  },
};

export default command;
