import { openRuntime } from '../runtime.ts';
import { startApiRole } from '../roles/api-role.ts';
import { Shutdown } from '../shutdown.ts';
import type { Command } from '../command.ts';

const command: Command = {
  summary: 'serve the API and dashboard only (no workers, no ingest)',
  usage: 'Usage: rift serve\n\nListens on HOST:PORT (default 127.0.0.1:8080).',
  async run() {
    const runtime = await openRuntime({ name: 'rift-api', migrate: true });
    const shutdown = new Shutdown((line) => runtime.log.info(line));
    await startApiRole(runtime, shutdown);
    shutdown.add('connections', () => runtime.close());
    shutdown.listen();
    console.log(`Rift API and dashboard: http://localhost:${runtime.config.PORT}`);
    await shutdown.done;
    return 0;
  },
};

export default command;
