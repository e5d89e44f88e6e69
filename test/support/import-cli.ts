import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../src/cli/index.ts';
import { testKey } from './test-cipher.ts';

/** Paths and a CLI runner for the import tests (all data synthetic). */
export const importFixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));
export const SAMPLE_CP932 = importFixture('work-orders-2026-03-27.cp932.csv');
export const SAMPLE_UTF8_BOM = fileURLToPath(new URL('../../examples/work-orders-2026-03-27.csv', import.meta.url));

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * `kaiheisen import ...args` against the database at url, as a user would run it, with the
 * synthetic data key of encryptedTempDatabase() (personal fields are encrypted at rest).
 */
export async function runImport(url: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(['import', ...args], {
    env: { DATABASE_URL: url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_DATA_KEY: testKey().key.toString('base64'), ...env },
    out: (s) => (out += s),
    err: (s) => (err += s),
  });
  return { code, out, err };
}

/** The UTF-8 sample without its BOM, as an editable text. */
export function sampleText(): string {
  return readFileSync(SAMPLE_UTF8_BOM, 'utf8').replace(/^\uFEFF/, '');
}

/** Writes a variant of the sample into dir and returns its path. */
export function writeVariant(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
