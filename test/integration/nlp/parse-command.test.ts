import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/index.ts';

/** A database URL that cannot be opened: `parse` must not touch the database. */
const NO_DATABASE = { DATABASE_URL: 'file:/nonexistent-kaiheisen-dir/never.db', KAIHEISEN_LOG_LEVEL: 'silent' };

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { env: NO_DATABASE, out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('kaiheisen parse', () => {
  it('prints exactly one JSON object with --json, without a database', async () => {
    const { code, out, err } = await run(['parse', '--json', '0012 開栓完了 指針1187']);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(out)).toMatchObject({ intent: 'result', taskRef: '0012', reading: 1187, outcome: 'done', kind: 'open' });
  });

  it('joins unquoted words into one reply', async () => {
    const { code, out } = await run(['parse', '--json', '0007', '不在', 'パイロット回ってる', 'バルブ閉']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ taskRef: '0007', outcome: 'absent', facts: { pilotStillTurning: true, valveClosed: true } });
  });

  it('describes the reading in Japanese without --json, with what needs clarifying', async () => {
    const { code, out } = await run(['parse', '開栓 1187 1190']);
    expect(code).toBe(0);
    expect(out).toContain('意図: 作業結果の報告');
    expect(out).toContain('種別: 開栓');
    expect(out).toContain('要確認: 数字が2つ以上あり');
    expect(out).toContain('要確認: 作業番号が分かりません');
  });

  it('reads a lone number as the reading with --awaiting reading', async () => {
    const { code, out } = await run(['parse', '--json', '--awaiting', 'reading', '１１８７']);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ intent: 'result', reading: 1187, taskRef: null, ambiguities: [] });
  });

  it('reads 「端末 紛失」 as the chat does: a terminal case, with its kind, terminal and facts', async () => {
    const json = await run(['parse', '--json', 'モバイル端末', '紛失', 'ロック済']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual({
      intent: 'terminal', kind: 'terminalLost', terminal: 'mobile', facts: { customerData: null, locked: true }, description: 'モバイル端末 紛失 ロック済',
    });
    const { code, out } = await run(['parse', '端末 紛失']);
    expect(code).toBe(0);
    expect(out).toContain('意図: 作業用端末の破損・紛失の報告');
    expect(out).toContain('破損/紛失: 紛失');
    expect(out).toContain('端末: 未確認');
    expect(JSON.parse((await run(['parse', '--json', '端末は壊れていない'])).out)).toMatchObject({ intent: 'unknown' });
  });

  it('exits 2 on a usage error', async () => {
    expect((await run(['parse', '--awaiting', 'meter', '1'])).code).toBe(2);
    expect((await run(['parse'])).code).toBe(2);
  });
});
