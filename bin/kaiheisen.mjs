#!/usr/bin/env node
// Entry point of the `kaiheisen` command: runs the TypeScript sources through tsx (no build step).
import { existsSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { register } from 'tsx/esm/api';

// Everything this process creates (database, -wal/-shm, backups, reports, exports, keys) is the owner's alone:
// security annex art. 12. The code sets these modes explicitly too; the umask covers what a library creates.
process.umask(0o077);

// Batch commands give way to a bot on the same host from their first instant (start-up is CPU-heavy too): see
// src/cli/batch-priority.ts.
if (['import', 'report'].includes(process.argv[2] ?? '')) {
  try {
    setPriority(0, constants.priority.PRIORITY_BELOW_NORMAL);
  } catch {
    // not allowed here: normal priority
  }
}

process.env.DOTENV_CONFIG_QUIET ??= 'true';
if (existsSync('.env')) process.loadEnvFile('.env');
register();
const { runCli } = await import('../src/cli/index.ts');
const code = await runCli(process.argv.slice(2));
process.exit(code);
