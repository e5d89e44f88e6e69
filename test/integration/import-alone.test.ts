import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TempDatabase } from '../support/temp-db.ts';
import { encryptedTempDatabase } from '../support/test-cipher.ts';
import { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import { sha256Hex } from '../../src/adapters/crypto/content-hash.ts';
import { openWorkOrderFile } from '../../src/adapters/csv/work-order-file.ts';
import { lastBotHeartbeat } from '../../src/adapters/db/bot-presence.ts';
import { createHealthStore } from '../../src/adapters/db/health-store.ts';
import { StepPacer, WalCheckpoints, type StagingOptions } from '../../src/adapters/db/import-step-pacing.ts';
import { createWorkOrderImportStore } from '../../src/adapters/db/work-order-store.ts';
import { importWorkOrders } from '../../src/application/import-work-orders.ts';
import { BUREAU_EXPORT_HEADER } from '../support/bureau-export.ts';

/**
 * Alone mode: with no bot running on the database (no fresh heartbeat row), an import publishes without pausing;
 * with one, it pauses between short steps; a bot that starts mid-import gets the pauses from then on. Counted, never
 * timed: the pause is a counter, the heartbeat the real PollerMark row the bot writes. Synthetic data only.
 */
const HEADER = BUREAU_EXPORT_HEADER;
const DAYS = ['2026-04-01', '2026-04-02', '2026-04-03', '2026-04-06', '2026-04-07'];
const PER_DAY = 4;
const HOUR_MS = 3_600_000;

let t: TempDatabase;
beforeEach(async () => {
  t = await encryptedTempDatabase();
});
afterEach(async () => {
  await t.dispose();
});

function writeFile(): string {
  const lines = [HEADER];
  for (const [d, day] of DAYS.entries()) {
    for (let n = 0; n < PER_DAY; n++) lines.push(`A-${d}-${n},開栓,${day},08${d}${n}000000,試験 花子,ｼｹﾝ,石川県金沢市広坂2丁目${d}-${n},中,,,20,100,10,,090-0000-0000,,,`);
  }
  const path = join(t.dir, 'alone.csv');
  writeFileSync(path, `${lines.join('\r\n')}\r\n`);
  return path;
}

const beat = () => createHealthStore(t.db).beat(new Date('2026-03-31T00:00:00Z'));

/** Imports the file in steps of one day (5 steps); the pauses counted, the import's logged step figures returned. */
async function importCounting(options: StagingOptions) {
  let pauses = 0;
  const logged: Record<string, unknown>[] = [];
  const logger = { debug() {}, info: (_: string, f?: Record<string, unknown>) => void (f && logged.push(f)), warn() {}, error() {} };
  const store = createWorkOrderImportStore(t.db, { stepRows: PER_DAY, pause: async () => void pauses++, ...options });
  const deps = { store, hash: sha256Hex, clock: new VirtualClock('2026-03-31T00:00:00Z'), logger };
  const result = await importWorkOrders(deps, { source: openWorkOrderFile(writeFile()), dryRun: false, actor: { actorId: 'c01', channel: 'cli' } });
  expect(result).toMatchObject({ imported: DAYS.length * PER_DAY, rejected: [] });
  const { steps, aloneSteps } = logged.find((f) => 'steps' in f) as { steps: number; aloneSteps: number };
  return { pauses, steps, aloneSteps };
}

describe('an import with and without a running bot', () => {
  it('pauses between its steps while the bot heartbeat is fresh', async () => {
    await beat();
    expect(await importCounting({})).toEqual({ pauses: DAYS.length - 1, steps: DAYS.length, aloneSteps: 0 });
  });

  it('does not pause when the heartbeat is stale or absent', async () => {
    expect(await importCounting({})).toEqual({ pauses: 0, steps: DAYS.length, aloneSteps: DAYS.length });
    await t.db.write((tx) => tx.workOrder.deleteMany());
    await beat();
    const anHourLater = () => Date.now() + HOUR_MS; // the wall clock the heartbeat's age is measured on
    expect(await importCounting({ wallNow: anHourLater })).toEqual({ pauses: 0, steps: DAYS.length, aloneSteps: DAYS.length });
  });

  it('paces again from the next step on when a bot starts mid-import', async () => {
    let reads = 0;
    const lastHeartbeat = async () => {
      if (++reads === 3) await beat(); // before the look after the second step
      return lastBotHeartbeat(t.db);
    };
    // Looks: before the first step, then after each; the first two find no bot.
    expect(await importCounting({ lastHeartbeat, recheckMs: 0 })).toEqual({ pauses: DAYS.length - 2, steps: DAYS.length, aloneSteps: 2 });
  });

  it('looks at the heartbeat again only every few seconds of import', async () => {
    let reads = 0;
    let now = 0;
    const pacer = new StepPacer({ lastHeartbeat: async () => void reads++, wallNow: () => now, recheckMs: 3_000 });
    for (const at of [0, 1_000, 2_999, 3_000, 5_000, 6_000]) {
      now = at;
      await pacer.look();
    }
    expect(reads).toBe(3); // at 0, 3,000 and 6,000
  });

  it('takes large steps alone and short ones with a bot, and checkpoints at once when a bot appears', async () => {
    let beatAt: Date | undefined;
    const pacer = new StepPacer({ lastHeartbeat: async () => beatAt, recheckMs: 0, pause: async () => {} });
    await pacer.look();
    expect(pacer.stepRows).toBeGreaterThanOrEqual(1_000);
    beatAt = new Date();
    await pacer.look();
    expect(pacer.stepRows).toBeLessThanOrEqual(250);

    let checkpoints = 0;
    const wal = new WalCheckpoints();
    const checkpoint = () => (checkpoints++, 100); // 100 frames a step: alone, every 50 steps
    for (let i = 0; i < 10; i++) wal.afterStep(checkpoint, true);
    expect(checkpoints).toBe(1);
    wal.afterStep(checkpoint, false);
    expect(checkpoints).toBe(2);
  });
});
