import { afterEach, describe, expect, it } from 'vitest';
import { dispatchDay, DAY, type DispatchDay } from '../../support/dispatch-day.ts';

let day: DispatchDay | undefined;
afterEach(async () => {
  await day?.dispose();
  day = undefined;
});

async function holders(d: DispatchDay): Promise<Map<string, string>> {
  const rows = await d.ctx.db.read.assignment.findMany({ where: { date: DAY }, select: { personId: true, workOrder: { select: { orderNo: true } } } });
  return new Map(rows.map((r) => [r.workOrder.orderNo, r.personId]));
}

const changedBetween = (before: Map<string, string>, after: Map<string, string>) => [...after].filter(([n, p]) => before.get(n) !== p).map(([n]) => n);
const kmOf = (card: string, name: string) => Number(new RegExp(`${name}: \\d+件 / 負荷 \\d+ / 移動 ([\\d.]+) km`).exec(card)?.[1]);

describe('再振り分け after one 振替 (the example day, four workers: w05’s card expired)', () => {
  it('moves the order that was moved and at most a few others, and says how many changed hands', async () => {
    day = await dispatchDay({ time: '07:50' });
    await day.ctx.db.write((tx) => tx.person.update({ where: { id: 'w05' }, data: { idCardExpiresOn: '2026-03-01' } }));
    await day.at('08:00'); // the daily run: w05's orders go to the others
    const session = day.bot.console!.session;
    const w01 = () => session.inbox('w01');
    await session.as('w01').say('再振り分け'); // evens out what the daily run added to the kept holdings
    const evened = await holders(day);
    await session.as('w01').say('再振り分け');
    const planned = await holders(day);
    expect(changedBetween(evened, planned)).toEqual([]); // nothing changed: the same plan again
    expect(w01().at(-1)!.text).toContain('(担当が変わった作業 0件、足順だけ変わった作業 0件)');
    expect(new Set(planned.values())).toEqual(new Set(['w02', 'w03', 'w04', 'w06']));
    const card = () => w01().filter((m) => m.view.key === `assign:${DAY}`).at(-1)!.text;
    const kmBefore = kmOf(card(), '見本 三郎');

    const moved = planned.get('20260327-0012') !== 'w04' ? '20260327-0012' : [...planned].find(([, p]) => p === 'w03')![0]; // as in the trial
    await session.as('w01').say(`振替 ${moved.slice(-4)} w04`);
    expect(w01().at(-1)!.text).toContain('見本 三郎 さんに移しました');
    await day.at('08:25');
    await session.as('w01').say('再振り分け');

    const after = await holders(day);
    const changed = changedBetween(planned, after);
    expect(after.get(moved)).toBe('w04');
    expect(changed).toContain(moved);
    expect(changed.length).toBeLessThanOrEqual(4); // was 24 of 40
    const reply = w01().at(-1)!.text;
    expect(reply).toContain(`3月27日(金) の作業を振り分け直しました (担当が変わった作業 ${changed.length - 1}件、`); // the 振替 was stored already
    expect(kmOf(card(), '見本 三郎')).toBeLessThan(kmBefore * 1.5); // was 10.5 → 20.3 km in the trial
  });
});
