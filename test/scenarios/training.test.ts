import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { readStaffFile } from '../../src/adapters/staff-file/read-staff-file.ts';
import { loadStaffDirectory } from '../../src/application/staffing/load-staff-directory.ts';
import { PLATFORM_MODULES } from '../../src/assembly/platforms/registry.ts';
import { staffDepsOf, trainingDepsOf } from '../../src/assembly/services/staff.ts';
import { runCli } from '../../src/cli/index.ts';
import { runSimulation } from '../../src/simulation/run-simulation.ts';
import { runTraining } from '../../src/simulation/run-training.ts';
import { readScript } from '../../src/simulation/script.ts';
import { botTestContext, type BotTestContext } from '../support/bot-context.ts';
import { givePasswordsInFile, operatorEnv } from '../support/operator.ts';

const SCRIPT = 'examples/simulate/training.yaml';
/** What a trainee who follows every instruction types (with a wrong first try and a hint on the way). */
const GOOD = ['おはようございます', '/hint', '残り', 'ヘルプ', '0012 閉栓済 ピン交換 指針3720', 'はい', '在宅 了解済', 'なし', '訂正 0012 指針3721', 'はい'];

let t: BotTestContext | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await t?.dispose();
  t = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The configured database: the example staff (the trainee w05 among them), no orders. */
async function configured(): Promise<BotTestContext> {
  t = await botTestContext('2026-04-01', '13:00');
  await loadStaffDirectory(staffDepsOf(t.ctx), await readStaffFile('examples/staff.yaml', PLATFORM_MODULES), { actor: { actorId: null, channel: 'cli' }, mayGrantRoles: true });
  return t;
}

async function train(workerId: string, lines: string[]) {
  const out: string[] = [];
  const record = await runTraining({
    script: readScript(SCRIPT),
    scriptFile: SCRIPT,
    config: t!.ctx.config,
    workerId,
    input: Readable.from(lines.map((l) => `${l}\n`)),
    write: (s) => out.push(s),
    record: trainingDepsOf(t!.ctx),
    actor: { actorId: workerId, channel: 'cli' },
  });
  return { record, text: out.join('') };
}

describe('training (kaiheisen train, spec 8)', () => {
  it('the script plays by itself as a simulation (its model answers pass every check)', async () => {
    const result = await runSimulation({ script: readScript(SCRIPT), scriptFile: SCRIPT, config: (await configured()).ctx.config });
    expect(result.failure).toBeUndefined();
  });

  it('a trainee who does each task passes; the Training row and its audit are in the configured database, never the played day', async () => {
    await configured();
    const { record, text } = await train('w05', GOOD);
    expect(text).toContain('【課題 1/8】朝の配信で今日の作業が届きました。');
    expect(text).toContain('入力例: 「残り」と入力');
    expect(text).toContain('✔ 課題 4 ができました。');
    expect(text).toContain('研修「新人研修 — 朝の配信から結果の記録まで」を修了しました (8/8 課題)。w05 の研修記録に残しました。');
    expect(record).toMatchObject({ personId: 'w05', passed: true, tasks: 8, tasksPassed: 8, scriptFile: SCRIPT });
    const rows = await t!.ctx.db.read.training.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ personId: 'w05', scenario: '新人研修 — 朝の配信から結果の記録まで', passed: true, finishedAt: t!.clock.now() });
    const audit = await t!.ctx.db.read.auditLog.findFirst({ where: { action: 'training.recorded' } });
    expect(audit).toMatchObject({ entity: 'Training', entityId: String(rows[0]!.id), actorId: 'w05' });
    expect(await t!.ctx.db.read.workOrder.count()).toBe(0);
    expect(await t!.ctx.db.read.taskResult.count()).toBe(0);
  });

  it('input that ends early, or a skipped task, is recorded as not passed', async () => {
    await configured();
    const early = await train('w05', ['残り', '/skip', '0012 閉栓済']);
    expect(early.text).toContain('課題 2 を飛ばしました (未修了になります)。');
    expect(early.text).toContain('入力が終わったため、残りの課題は未修了です。');
    expect(early.record).toMatchObject({ passed: false, tasks: 8, tasksPassed: 1 });
    expect(await t!.ctx.db.read.training.count({ where: { passed: false } })).toBe(1);
  });

  it('the 訂正 task passes only once the correction is recorded (はい answered), not when the bot asks to confirm it', async () => {
    await configured();
    const { record, text } = await train('w05', GOOD.slice(0, -1));
    expect(text).toContain('✔ 課題 7 ができました。');
    expect(text).not.toContain('✔ 課題 8 ができました。');
    expect(record).toMatchObject({ passed: false, tasks: 8, tasksPassed: 7 });
  });

  it('an unknown worker or a bureau contact is refused before anything is played', async () => {
    await configured();
    await expect(train('w99', GOOD)).rejects.toThrow('職員「w99」は登録されていないか、無効になっています。');
    await expect(train('c01', GOOD)).rejects.toThrow('職員「c01」は受託者の作業者ではありません。');
    expect(await t!.ctx.db.read.training.count()).toBe(0);
  });

  it('through the CLI with --input, and listed by kaiheisen staff trainings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-train-'));
    dirs.push(dir);
    const input = join(dir, 'input.txt');
    writeFileSync(input, `${GOOD.join('\n')}\n`);
    // The trainee runs it themself (train checks its operator like the other protected commands).
    const env = { DATABASE_URL: `file:${join(dir, 'k.db')}`, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_OPERATOR: 'w05', ...operatorEnv };
    const run = async (args: string[]) => {
      const out: string[] = [];
      const code = await runCli(args, { env, out: (s) => out.push(s), err: (s) => out.push(s) });
      return { code, text: out.join('') };
    };
    expect((await run(['staff', 'load', 'examples/staff.yaml'])).code).toBe(0);
    await givePasswordsInFile(join(dir, 'k.db'), ['w05']);
    const trained = await run(['train', '--worker', 'w05', '--input', input]);
    expect(trained.code, trained.text).toBe(0);
    expect(trained.text).toContain('を修了しました (8/8 課題)');
    const listed = await run(['staff', 'trainings']);
    expect(listed.text).toMatch(/^w05 {2}\d{4}-\d{2}-\d{2} \d{2}:\d{2} {2}新人研修 — 朝の配信から結果の記録まで {2}修了 \(8\/8 課題\)\n$/);
    const json = JSON.parse((await run(['staff', 'trainings', '--worker', 'w05', '--json'])).text) as { trainings: { passed: boolean }[] };
    expect(json.trainings).toHaveLength(1);
    expect((await run(['train', '--worker', 'nobody', '--input', input])).code).toBe(1);
    const bureau = await run(['train', '--worker', 'c01', '--input', input]);
    expect(bureau.code).toBe(1);
    expect(bureau.text).toContain('職員「c01」は受託者の作業者ではありません。');
    const unknown = await run(['staff', 'trainings', '--worker', 'w99']);
    expect(unknown).toEqual({ code: 1, text: 'エラー: 職員「w99」は登録されていません。kaiheisen staff list で職員IDを確認してください。\n' });
    writeFileSync(input, '残り\n');
    const failed = await run(['train', '--worker', 'w05', '--input', input]);
    expect(failed.code).toBe(1);
    expect(failed.text.match(/研修「[^」]+」は未修了です/g)).toHaveLength(1);
    expect(failed.text).toContain('エラー: 研修「新人研修 — 朝の配信から結果の記録まで」は未修了です (1/8 課題)。');
    const missing = await run(['train', '--worker', 'w05', '--input', join(dir, 'none.txt')]);
    expect(missing.code).toBe(1);
    expect(missing.text).toContain('入力ファイル');
  });
});
