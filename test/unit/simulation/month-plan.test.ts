import { describe, expect, it } from 'vitest';
import { checkInvariants, type Observations } from '../../../src/simulation/month/invariants.ts';
import { planMonth } from '../../../src/simulation/month/plan.ts';
import { dayTruth, emptyKinds, monthTruth, visitsOf } from '../../../src/simulation/month/truth.ts';

const DAYS = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
const options = { seed: 7, workDays: DAYS, orders: 500, workers: 20, supervisors: 3 };

describe('the month generator', () => {
  it('plays the same month for the same seed and another for another seed', () => {
    expect(planMonth(options)).toEqual(planMonth(options));
    expect(planMonth({ ...options, seed: 8 }).days[0]!.orders[0]).not.toEqual(planMonth(options).days[0]!.orders[0]);
  });

  it('makes exactly the orders asked, numbers unique over the month, table 1 proportions, supervisors rotating, one leaver', () => {
    const plan = planMonth(options);
    const orders = plan.days.flatMap((d) => d.orders);
    expect(orders).toHaveLength(500);
    expect(new Set(orders.map((o) => o.serial)).size).toBe(500);
    const share = (k: string) => orders.filter((o) => o.kind === k).length / 500;
    expect(share('transfer')).toBeGreaterThan(share('open'));
    expect(share('open')).toBeGreaterThan(share('close') - 0.08);
    expect(plan.days.map((d) => d.supervisor)).toEqual(['s01', 's02', 's03', 's01', 's02']);
    expect(plan.leaver).toEqual({ personId: 'w20', until: '2026-03-03' });
    expect(plan.days[1]!.workers).toContain('w20');
    expect(plan.days[2]!.workers).not.toContain('w20');
    expect(plan.days[3]!.workers).not.toContain('w20');
    expect(plan.days.at(-1)!.orders.some((o) => o.fate === 'carry')).toBe(false);
  });

  it('carries an order to the next day, where it is done, and counts it once in the month', () => {
    const plan = planMonth(options);
    const visits = visitsOf(plan);
    const carried = plan.days[0]!.orders.filter((o) => o.fate === 'carry');
    expect(carried.length).toBeGreaterThan(0);
    expect(visits.get(DAYS[1]!)!.filter((v) => carried.includes(v.order)).every((v) => v.outcome === 'done')).toBe(true);
    const day1 = dayTruth(visits.get(DAYS[0]!)!);
    expect(day1.open.carriedOver + day1.close.carriedOver + day1.transfer.carriedOver).toBe(carried.length);
    const month = monthTruth(plan);
    expect(month.open.orders + month.close.orders + month.transfer.orders).toBe(500);
  });
});

const materials = () => ({ meters: { '20:install': 1 }, parking: { count: 1, totalYen: 500 }, doubts: 1, incidents: 0, complaints: 0 });

function observations(): Observations {
  const truth = emptyKinds();
  truth.open = { orders: 2, done: 1, absent: 1, notDone: 0, carriedOver: 0 };
  return {
    resultsPerOrder: new Map([['A', 1], ['B', 1]]),
    expectedCompleted: ['A', 'B'],
    expectedOpen: [],
    statusOf: new Map(),
    inbound: { sent: 4, rows: 4, notDone: 0, failed: 0, duplicateKeys: 0 },
    dailyReports: [{ date: '2026-03-02', kinds: structuredClone(truth), approved: true, truth }],
    monthly: { totals: { open: 2, close: 0, transfer: 0, notDone: 0 }, truth: { open: 2, close: 0, transfer: 0, notDone: 0 } },
    privacyLeaks: [],
    acksMs: [100],
    month: {
      monthly: null,
      monthlyMaterials: { ...materials(), valvePins: 1, seals: 2 },
      dailyMaterials: { ...materials(), valvePins: null, seals: null },
      truth: { ...materials(), valvePins: 1, seals: 2 },
      readingMismatches: [],
      leaks: [],
    },
  };
}

describe('the month invariants', () => {
  it('hold on a consistent month', () => {
    expect(checkInvariants(observations()).every((i) => i.ok)).toBe(true);
  });

  it('each names what breaks it', () => {
    const failing = (change: (o: Observations) => void) => {
      const o = observations();
      change(o);
      return checkInvariants(o).filter((i) => !i.ok).map((i) => `${i.name}: ${i.detail}`);
    };
    expect(failing((o) => o.resultsPerOrder.set('B', 2))).toEqual(['every order completed exactly once or open and carried: B: 2 results']);
    expect(failing((o) => (o.inbound.failed = 1))).toEqual(['every inbound event applied exactly once: 1 failed']);
    expect(failing((o) => (o.dailyReports[0]!.kinds!.open.absent = 0))[0]).toContain('2026-03-02 open.absent: report 0, truth 1');
    expect(failing((o) => (o.monthly!.totals.open = 3))[0]).toContain('open: monthly 3, daily reports 2');
    expect(failing((o) => o.privacyLeaks.push({ to: 'w03', value: '架空 一郎' }))).toEqual(['no personal value in a chat message (channel or direct) beyond policy: 架空… to w03']);
    expect(failing((o) => (o.month.monthlyMaterials!.meters['20:install'] = 2))).toEqual([
      'the monthly report’s meters, pins, seals, parking and cases equal the daily reports and the truth: meters φ20:install: monthly 2, daily reports 1; meters φ20:install: monthly 2, truth 1',
    ]);
    expect(failing((o) => (o.month.truth.seals = 3))[0]).toContain('seals: monthly 2, truth 3');
    expect(failing((o) => (o.month.monthlyMaterials = null))[0]).toContain('no monthly report stored by the bot’s monthly job');
    expect(failing((o) => o.month.readingMismatches.push('X: 1190, read 1180'))).toEqual(['every recorded reading is the one the worker read (after typos and 訂正): X: 1190, read 1180']);
    expect(failing((o) => o.acksMs.push(3500))[0]).toContain('1 acks over the limit');
  });
});
