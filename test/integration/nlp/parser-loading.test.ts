import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

describe('loading the reply parser', () => {
  it('loads two files of natural, never its index or dotenv', async () => {
    const { parseReply } = await import('../../../src/adapters/nlp/reply-parser.ts');
    expect(parseReply('0012 開栓完了 指針1187').reading).toBe(1187);
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    expect(loaded.some((f) => f.endsWith('normalizer_ja.js'))).toBe(true);
    expect(loaded.some((f) => f.endsWith('tokenizer_ja.js'))).toBe(true);
    expect(loaded.filter((f) => /[\\/]dotenv[\\/]/.test(f) || /natural[\\/]lib[\\/]natural[\\/]index\.js$/.test(f))).toEqual([]);
  });

  it('prints nothing, even without DOTENV_CONFIG_QUIET', () => {
    const env = { ...process.env };
    delete env.DOTENV_CONFIG_QUIET;
    const script = "const m = await import('./src/adapters/nlp/reply-parser.ts'); m.parseReply('0012 開栓完了 指針1187');";
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env, encoding: 'utf8' });
    expect(child.status).toBe(0);
    expect(child.stdout).toBe('');
    expect(child.stderr).toBe('');
  });
});
