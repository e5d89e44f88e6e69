#!/usr/bin/env node
// Entry point of the `kaiheisen` command: runs the TypeScript sources through tsx (no build step).
import { existsSync } from 'node:fs';
import { register } from 'tsx/esm/api';

process.env.DOTENV_CONFIG_QUIET ??= 'true';
if (existsSync('.env')) process.loadEnvFile('.env');
register();
const { runCli } = await import('../src/cli/index.ts');
const code = await runCli(process.argv.slice(2));
process.exit(code);
