import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * Every test file (and the kaiheisen processes it starts, which inherit the environment) gets its own
 * configuration folder: the demo's development keys go there, never into the real home.
 */
const home = mkdtempSync(join(tmpdir(), 'kaiheisen-config-home-'));
process.env.XDG_CONFIG_HOME = home;
delete process.env.CREDENTIALS_DIRECTORY;
delete process.env.KAIHEISEN_DATA_KEY;
delete process.env.KAIHEISEN_DATA_KEY_FILE;
afterAll(() => rmSync(home, { recursive: true, force: true }));
