#!/usr/bin/env node
// `npm run bench -- NAME` runs bench/NAME.bench.ts; its last output line is a JSON object of figures.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', ''));
const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- NAME   (NAME: ${available.join(', ') || 'none yet'})`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', `${dir}${name}.bench.ts`, ...process.argv.slice(3)], {
  stdio: 'inherit',
  env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
});
process.exit(result.status ?? 1);
