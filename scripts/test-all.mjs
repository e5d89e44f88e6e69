#!/usr/bin/env node
// `npm test` after the type check and layer rules: every test on SQLite, then the database tests again on
// PostgreSQL (vitest.postgres.config.ts). The PostgreSQL pass uses KAIHEISEN_TEST_POSTGRES_URL when set; else it
// starts a throw-away cluster with scripts/postgres-cluster.sh where PostgreSQL's server is installed; else it says
// so and is skipped, except under CI (CI=true), where a missing server fails the run. Extra arguments reach both
// vitest runs (`--postgres-only`: only the second); a JSON --outputFile=F gets the PostgreSQL pass's report as F with -postgres before .json.
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VITEST = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const CLUSTER = join(ROOT, 'scripts', 'postgres-cluster.sh');
const postgresOnly = process.argv.includes('--postgres-only');
const args = process.argv.slice(2).filter((a) => a !== '--postgres-only');

function vitest(extra, env) {
  const run = spawnSync(process.execPath, [VITEST, 'run', ...extra], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
  return run.status ?? 1;
}

const sqlite = postgresOnly ? 0 : vitest(args, {});
if (sqlite !== 0) process.exit(sqlite);

const postgresArgs = ['--config', 'vitest.postgres.config.ts', ...args.map((a) => a.replace(/^(--outputFile=.*)\.json$/, '$1-postgres.json'))];
let url = process.env.KAIHEISEN_TEST_POSTGRES_URL;
let dir;
if (!url) {
  dir = mkdtempSync(join(tmpdir(), 'kaiheisen-pg-test-'));
  try {
    url = execFileSync('bash', [CLUSTER, 'start', dir, process.env.KAIHEISEN_TEST_POSTGRES_PORT ?? '54331'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    const why = String(e.stderr ?? e.message).trim();
    if (process.env.CI === 'true') {
      console.error(`PostgreSQL could not be started for the database tests: ${why}`);
      process.exit(1);
    }
    console.log(`\nThe database tests ran on SQLite only: PostgreSQL could not be started (${why}).`);
    process.exit(0);
  }
}
console.log(`\nThe database tests again, on PostgreSQL (${url.replace(/:[^:@/]*@/, ':***@')})`);
// Ctrl-C or a CI time-out reaches vitest too; caught here, it lets the cluster be stopped before this exits.
let signal;
for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(name, () => (signal = name));
let status;
try {
  status = vitest(postgresArgs, { KAIHEISEN_TEST_DIALECT: 'postgres', KAIHEISEN_TEST_POSTGRES_URL: url });
} finally {
  if (dir) {
    spawnSync('bash', [CLUSTER, 'stop', dir], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  }
}
process.exit(signal ? 1 : status);
