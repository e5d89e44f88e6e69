import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/adapters/db/open-database.ts';
import { loadConfig } from '../../src/config.ts';
import { tempDatabaseUrl } from '../support/temp-db.ts';
import { runSimulation } from '../../src/simulation/run-simulation.ts';
import { readScript } from '../../src/simulation/script.ts';

const config = loadConfig({ KAIHEISEN_LOG_LEVEL: 'silent' });
const dirs: string[] = [];
const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const drop of drops.splice(0)) await drop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const FIRST = `
title: 1回目
date: 2026-03-27
steps:
  - { as: w04, say: 残り }
  - say: ヘルプ
  - say: 残り
  - say: ヘルプ
  - say: 残り
`;

const SECOND = `
title: 2回目
date: 2026-03-27
time: "08:40"
steps:
  - { as: w04, say: 0012 閉栓済 ピン交換 指針3720 }
  - say: はい
  - say: 在宅 了解済
  - say: なし
  - expect: { contains: 結果を記録しました。 }
`;

describe('simulate twice on one database (--database)', () => {
  it('the second run\'s typed input is applied, not taken for the first run\'s events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-simulate-twice-'));
    dirs.push(dir);
    const { url: databaseUrl, drop } = await tempDatabaseUrl(dir);
    drops.push(drop);
    const run = async (text: string, name: string) => {
      const file = join(dir, name);
      writeFileSync(file, text);
      return runSimulation({ script: readScript(file), scriptFile: file, config, databaseUrl });
    };
    expect((await run(FIRST, 'first.yaml')).ok).toBe(true);
    const second = await run(SECOND, 'second.yaml');
    expect(second.failure).toBeUndefined();
    const db = await openDatabase(databaseUrl);
    try {
      const result = await db.read.taskResult.findFirst({ where: { workOrder: { orderNo: '20260327-0012' } } });
      expect(result).toMatchObject({ outcome: 'done', reading: 3720, personId: 'w04' });
      expect(await db.read.inboundEvent.count({ where: { platform: 'console' } })).toBe(9);
    } finally {
      await db.close();
    }
  });
});
