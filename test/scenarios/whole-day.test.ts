import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/adapters/db/open-database.ts';
import { loadConfig } from '../../src/config.ts';
import { tempDatabaseUrl } from '../support/temp-db.ts';
import { runSimulation } from '../../src/simulation/run-simulation.ts';
import { parseScript, readScript } from '../../src/simulation/script.ts';

const WHOLE_DAY = 'examples/simulate/whole-day.yaml';
const config = loadConfig({ KAIHEISEN_LOG_LEVEL: 'silent' });
const dirs: string[] = [];
const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const drop of drops.splice(0)) await drop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh database of the dialect under test (an SQLite file in `dir`, or a new database on the PostgreSQL server). */
async function databaseIn(dir: string): Promise<string> {
  const { url, drop } = await tempDatabaseUrl(dir);
  drops.push(drop);
  return url;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-whole-day-'));
  dirs.push(dir);
  return dir;
}

const APPROVAL = `
title: 日報の承認
date: 2026-03-27
time: "17:40"
steps:
  - at: "17:45"
  - expect: { to: w01, contains: "日報" }
  - as: w01
    press: 承認
  - expect:
      - { contains: "3月27日(金) の日報を承認し、企業局チャンネルに送付しました。" }
      - { to: "#bureau", contains: ["開閉栓業務 日報 3月27日(金)", "業務責任者 架空 太郎 が承認"] }
`;

describe('the whole day of the example team (examples/simulate/whole-day.yaml)', () => {
  it('plays every step on the virtual clock: post, 残り, 進捗, 振替, doubt, results, re-import, end of day, the 日報 approved', async () => {
    const databaseUrl = await databaseIn(tempDir());
    const script = readScript(WHOLE_DAY);
    const result = await runSimulation({ script, scriptFile: WHOLE_DAY, config, databaseUrl });
    expect(result.failure).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.steps).toBe(script.steps.length);
    expect(result.checks).toBeGreaterThanOrEqual(34);
    expect(result.transcript).toContain('取込 work-orders-changes.csv: 追加 1 件 / 更新 2 件 / 変更なし 0 件 / 取り込めない行 0 件');
    expect(result.transcript).toContain('取込 work-orders-changes.csv: 追加 0 件 / 更新 0 件 / 変更なし 3 件 / 取り込めない行 0 件');

    // The same day goes on, on the same database: the 日報 compiled at 17:45 and approved by the day's supervisor.
    const file = join(tempDir(), 'approval.yaml');
    writeFileSync(file, APPROVAL);
    const approval = await runSimulation({ script: readScript(file), scriptFile: file, config, databaseUrl });
    expect(approval.failure).toBeUndefined();
    expect(approval.ok).toBe(true);

    // What the day left in the database it was played on.
    const db = await openDatabase(databaseUrl);
    try {
      const holder = async (orderNo: string) => db.read.assignment.findFirst({ where: { workOrder: { orderNo } }, select: { personId: true, pinned: true } });
      expect(await holder('20260327-0012')).toEqual({ personId: 'w02', pinned: true });
      expect(await holder('20260327-0041')).toEqual({ personId: 'w03', pinned: false });
      expect(await holder('20260327-0030')).toBeNull();
      const notices = await db.read.orderNotice.findMany({ orderBy: { id: 'asc' } });
      expect(notices.map((n) => n.kind).sort()).toEqual(['added', 'changed', 'removed']);
      const results = await db.read.taskResult.findMany({ select: { outcome: true, personId: true, workOrder: { select: { orderNo: true, status: true } } } });
      expect(results.map((r) => [r.workOrder.orderNo, r.personId, r.outcome, r.workOrder.status]).sort()).toEqual([
        ['20260327-0008', 'w04', 'absent', 'absent'],
        ['20260327-0032', 'w02', 'not_done', 'not_done'],
        ['20260327-0033', 'w06', 'done', 'done'],
      ]);
      const report = await db.read.report.findFirst({ where: { kind: 'daily', period: '2026-03-27' } });
      expect(report).toMatchObject({ state: 'sent', approvedById: 'w01' });
      const doubt = await db.read.doubt.findFirst();
      expect(doubt).toMatchObject({ state: 'acknowledged', raisedById: 'w04', holderId: 'w01' });
    } finally {
      await db.close();
    }
  });

  it('fails the step of an import file that is not there, with its number', async () => {
    const dir = tempDir();
    const file = join(dir, 'missing.yaml');
    writeFileSync(file, 'date: 2026-03-27\nsteps:\n  - at: "08:30"\n  - import: nothing.csv\n');
    const result = await runSimulation({ script: readScript(file), scriptFile: file, config });
    expect(result.ok).toBe(false);
    expect(result.failure).toMatchObject({ step: 2, what: '作業データ nothing.csv を取込' });
    expect(result.failure!.reason).toContain('取り込む作業データ');
  });

  it('does not allow an import and another action in one step', () => {
    expect(() => parseScript('date: 2026-03-27\nsteps:\n  - say: 残り\n    import: x.csv\n', 'x.yaml')).toThrow(/手順 1: 1つの手順に書ける操作は at \/ say \/ press \/ submit \/ attach \/ import/);
  });
});
