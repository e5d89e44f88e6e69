import { createWorkCalendar } from '../../src/adapters/calendar/create-work-calendar.ts';
import { VirtualClock } from '../../src/adapters/clock/clocks.ts';
import { startBot, type Bot } from '../../src/assembly/assemble-bot.ts';
import type { AppContext } from '../../src/assembly/context.ts';
import { loadConfig } from '../../src/config.ts';
import { recordingLogger } from './escalation-world.ts';
import { filesFolderEnv } from './temp-db.ts';
import type { Database } from '../../src/adapters/db/database.ts';
import { tokyoInstant } from '../../src/domain/calendar/local-time.ts';

/** A synthetic team and one work day (2026-03-27, a Friday) for the end-of-day report. */
export const DAY = '2026-03-27';
export const NEXT_DAY = '2026-03-28';
export const at = (time: string, date = DAY) => tokyoInstant(date, time);

/** w01 supervisor (does no field work), w02 and w03 workers, c01 a bureau contact. Console identities = ids. */
export async function seedTeam(db: Database): Promise<void> {
  const people = [
    { id: 'w01', affiliation: 'contractor', name: '架空 太郎', canSupervise: true },
    { id: 'w02', affiliation: 'contractor', name: '仮野 次郎', canSupervise: false },
    { id: 'w03', affiliation: 'contractor', name: '試験 三郎', canSupervise: false },
    { id: 'c01', affiliation: 'bureau', name: '想定 一郎', canSupervise: false },
  ];
  await db.write(async (tx) => {
    for (const p of people) await tx.person.create({ data: p });
    for (const id of ['w01', 'w02', 'w03']) await tx.defaultStaffing.create({ data: { personId: id, isSupervisor: id === 'w01' } });
  });
}

export interface OrderSpec {
  n: string; // serial, e.g. '0001'
  kind?: 'open' | 'close' | 'transfer' | 'other';
  to?: string | null; // assignee; null = unassigned
  town?: string;
}

/** Orders of the day with their assignments; customer fields are synthetic. */
export async function seedOrders(db: Database, specs: OrderSpec[], date = DAY): Promise<void> {
  await db.write(async (tx) => {
    let visit = 1;
    for (const s of specs) {
      const order = await tx.workOrder.create({
        data: {
          orderNo: `${date.replaceAll('-', '')}-${s.n}`,
          kind: s.kind ?? 'open',
          scheduledDate: date,
          address: `金沢市${s.town ?? '片町'}${Number(s.n)}番地`,
          town: s.town ?? '片町',
          customerName: '架空 花子',
          phone: '076-000-0000',
          contentHash: s.n,
        },
      });
      if (s.to !== null) await tx.assignment.create({ data: { workOrderId: order.id, personId: s.to ?? 'w02', date, visitOrder: visit++ } });
    }
  });
}

export interface ResultSpec {
  n: string;
  by: string;
  outcome: 'done' | 'absent' | 'not_done';
  time?: string;
  reason?: string;
  flags?: { readingLowerThanPrevious?: boolean; leakSuspected?: boolean; meterDiffersFromRecord?: boolean; readingDiffersFromPrevious?: boolean; improperUse?: boolean };
  /** What the worker answered to the flags' findings questions (the statement is stored as typed here, not encrypted). */
  findings?: { readingDifferenceNote?: string; improperUseNotified?: boolean };
}

/** Results as the results flow records them (TaskResult + WorkOrder.status). */
export async function seedResults(db: Database, specs: ResultSpec[], date = DAY): Promise<void> {
  await db.write(async (tx) => {
    for (const r of specs) {
      const order = await tx.workOrder.findUniqueOrThrow({ where: { orderNo: `${date.replaceAll('-', '')}-${r.n}` } });
      await tx.taskResult.create({
        data: {
          workOrderId: order.id,
          personId: r.by,
          outcome: r.outcome,
          notDoneReason: r.reason ?? null,
          channel: 'console',
          recordedAt: at(r.time ?? '11:00', date),
          ...r.flags,
          ...r.findings,
        },
      });
      await tx.workOrder.update({ where: { id: order.id }, data: { status: r.outcome } });
    }
  });
}

/** Meter work, a doubt, an incident, a complaint, a note, a parking fee and an approved overtime request. */
export async function seedCases(db: Database): Promise<void> {
  await db.write(async (tx) => {
    await tx.meterMovement.createMany({
      data: [
        { date: DAY, kind: 'install', diameterMm: 13 },
        { date: DAY, kind: 'install', diameterMm: 13 },
        { date: DAY, kind: 'remove', diameterMm: 20 },
      ],
    });
    const order = await tx.workOrder.findUniqueOrThrow({ where: { orderNo: '20260327-0001' } });
    await tx.doubt.create({
      data: { workOrderId: order.id, raisedById: 'w02', text: 'メーター番号が端末と異なる', chainSnapshot: '[]', state: 'answered', answer: '検満取替済み。現地の番号で入力', raisedAt: at('10:12') },
    });
    await tx.incident.create({ data: { reportedById: 'w03', description: '車両の軽い接触', occurredAt: at('14:03'), state: 'resolved', resolution: '相手方と示談済み', resolvedAt: at('15:00') } });
    await tx.complaint.create({
      data: { kind: 'noWater', via: 'cli', receivedAt: at('09:40'), description: '開栓後に水が出ない', state: 'resolved', findings: 'バルブ半開', actionTaken: '全開にした', resolvedAt: at('10:30') },
    });
    await tx.handoverNote.create({ data: { date: DAY, personId: 'w03', text: '明日は車両点検のため午後から', createdAt: at('16:50') } });
    await tx.parkingFee.create({ data: { date: DAY, personId: 'w03', amountYen: 300, createdAt: at('13:00') } });
    await tx.overtimeRequest.create({
      data: { date: DAY, requestedById: 'w01', orderNos: '["20260327-0002"]', reason: 'お客さまの帰宅待ち', until: '18:30', state: 'approved', decidedById: 'c01', decidedAt: at('17:20') },
    });
  });
}

/**
 * The console bot as `kaiheisen start --console` builds it, on a virtual clock at `time` of the day (DAY unless
 * given), on the seeded database (after its first tick); `env` adds settings (e.g. CLOSED_WEEKDAYS).
 */
export async function startConsoleDay(db: Database, url: string, time = '09:00', date = DAY, env: Record<string, string> = {}): Promise<{ bot: Bot; clock: VirtualClock }> {
  const clock = new VirtualClock(at(time, date));
  const config = loadConfig({ DATABASE_URL: url, KAIHEISEN_LOG_LEVEL: 'silent', KAIHEISEN_LOAD_EXAMPLES: 'false', ...filesFolderEnv(url), ...env });
  const ctx: AppContext = { config, db, clock, logger: recordingLogger(), calendar: createWorkCalendar(config.calendar), close: async () => {} };
  const bot = await startBot(ctx, { platforms: { forceConsole: true }, wallClock: false, loadExamples: false, instanceId: 'bot', out: () => undefined });
  await bot.tick(clock.now());
  return { bot, clock };
}

/** Moves the virtual clock to `time` of the day and runs what is due. */
export async function moveTo(b: Bot, clock: VirtualClock, time: string) {
  clock.set(at(time));
  return b.tick(clock.now());
}
