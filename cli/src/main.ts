// The entry point of `rift` (bin/rift.mjs): one run, its exit code, and any error as one line.
import { runCli } from './cli.ts';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    console.error(`rift: ${err.message}`);
    process.exitCode = 1;
  },
);
