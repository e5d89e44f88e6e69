import { afterEach, describe, expect, it } from 'vitest';
import { SlackWorld } from './support/slack-world.ts';

/** 支給 over Slack on the assembled bot: replayed after a crash, the supply is recorded once and answered the same. */
let w: SlackWorld | undefined;
afterEach(async () => {
  await w?.dispose();
  w = undefined;
});

const ADMIN = 'UW01'; // w01 in examples/staff.yaml: admin and the day's supervisor

describe('支給, replayed', () => {
  it('records one SupplyReceipt however often its event is replayed; a worker is refused', async () => {
    w = await SlackWorld.start('10:00');
    const supply = await w.sayAndSettle(ADMIN, '支給 封印玉 50個');
    const answer = w.lastDm(ADMIN);
    expect(answer).toContain('支給を記録しました: 封印玉 50個');
    await w.unfinish(supply);
    await w.restart();
    await w.unfinish(supply);
    await w.unsend(supply, ADMIN, 1);
    await w.restart();
    expect(w.lastDm(ADMIN)).toBe(answer);
    expect(await w.db.read.supplyReceipt.findMany({ select: { item: true, quantity: true, personId: true } })).toEqual([{ item: 'seal', quantity: 50, personId: 'w01' }]);
    expect(await w.db.read.auditLog.count({ where: { action: 'supply.receive' } })).toBe(1);

    // The same line again: recorded, answered as a likely repeat, and the replay answers the same (not a repeat of itself).
    const again = await w.sayAndSettle(ADMIN, '支給 封印玉 50個');
    const repeated = w.lastDm(ADMIN);
    expect(repeated).toContain('にも同じ支給 (封印玉 50個) を記録しています');
    await w.unfinish(again);
    await w.unsend(again, ADMIN, 1);
    await w.restart();
    expect(w.lastDm(ADMIN)).toBe(repeated);
    expect(await w.db.read.supplyReceipt.count()).toBe(2);

    await w.sayAndSettle('UW03', '支給 ピン 100');
    expect(w.lastDm('UW03')).toContain('支給を記録できるのは、本日の業務責任者 (架空 太郎) か管理者です。');
    expect(await w.db.read.supplyReceipt.count()).toBe(2);
  });
});
