import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VirtualClock } from '../../adapters/clock/clocks.ts';
import type { ConsoleDelivery } from '../../adapters/console/console-adapter.ts';
import { targetKeyOf } from '../../adapters/console/console-adapter.ts';
import { loadColumnMapping, openWorkOrderFile } from '../../adapters/csv/work-order-file.ts';
import { readStaffFile } from '../../adapters/staff-file/read-staff-file.ts';
import { importWorkOrders } from '../../application/import-work-orders.ts';
import { loadStaffDirectory } from '../../application/staffing/load-staff-directory.ts';
import { setDayStaffing } from '../../application/staffing/set-day-staffing.ts';
import { startBot, type Bot } from '../../assembly/assemble-bot.ts';
import { createAppContext, type AppContext } from '../../assembly/context.ts';
import { PLATFORM_MODULES } from '../../assembly/platforms/registry.ts';
import { staffDepsOf } from '../../assembly/services/staff.ts';
import { importDepsOf } from '../../assembly/services/work-orders.ts';
import { createLogger } from '../../adapters/log/logger.ts';
import type { Config } from '../../config.ts';
import { tokyoInstant } from '../../domain/calendar/local-time.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { dayFileCsv, staffYaml } from './day-file.ts';
import { answerTo, resultLine } from './persona.ts';
import type { DayPlan, MonthPlan } from './plan.ts';
import type { Visit } from './truth.ts';

/** `--database` names a database that is not empty: a usage error (`kaiheisen simulate-month` exits 2). */
export class MonthDatabaseInUse extends AppError {
  constructor(message: string) {
    super(ErrorCode.Conflict, message);
  }
}

const SYSTEM = { actorId: null, channel: 'cli' } as const;
const RECORDED = /の?結果を(記録|訂正)しました/;
const MAX_ANSWERS = 8;

export interface PlayerOptions {
  config: Config;
  databaseUrl: string;
  /** A folder for the day files and the staff file. */
  dir: string;
}

/** The bot as `kaiheisen start --console` runs it, restartable; what it delivered and how fast it answered. */
export class MonthPlayer {
  ctx!: AppContext;
  bot!: Bot;
  readonly clock: VirtualClock;
  readonly delivered: ConsoleDelivery[] = [];
  readonly acksMs: number[] = [];
  /** Everyone who held each order on some day (a carried order may go to someone else the next day). */
  readonly holders = new Map<string, Set<string>>();
  eventsSent = 0;
  private starts = 0;

  constructor(private readonly options: PlayerOptions, start: Date) {
    this.clock = new VirtualClock(start);
  }

  async start(): Promise<void> {
    const logger = createLogger('error');
    this.ctx = await createAppContext({ ...this.options.config, databaseUrl: this.options.databaseUrl }, { clock: this.clock, logger });
    if (this.starts === 0) await this.refuseUsedDatabase();
    this.bot = await startBot(this.ctx, {
      platforms: { forceConsole: true },
      loadExamples: false,
      wallClock: false,
      out: () => {},
      consoleSessionId: `month-${++this.starts}`,
    });
  }

  /**
   * The month is checked against what this run played alone: a database that already holds people or orders (an
   * earlier run's month, with its clock past this start) is refused before the bot starts on it.
   */
  private async refuseUsedDatabase(): Promise<void> {
    const [people, orders] = await Promise.all([this.ctx.db.read.person.count(), this.ctx.db.read.workOrder.count()]);
    if (people === 0 && orders === 0) return;
    await this.ctx.close();
    throw new MonthDatabaseInUse(t('simulateMonth.databaseInUse', { people, orders }));
  }

  /** What a deploy or crash does: stop, close the database, start again. The transcript so far is kept. */
  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    this.delivered.push(...this.bot.console!.adapter.deliveries());
    await this.bot.stop();
    await this.ctx.close();
  }

  async at(date: string, time: string): Promise<void> {
    const next = tokyoInstant(date, time);
    if (next > this.clock.now()) this.clock.set(next);
    await this.bot.tick(this.clock.now());
  }

  /** The office's staff file, loaded as `kaiheisen staff load` does at the start of the month; the leaver has `until`. */
  async loadStaff(plan: MonthPlan): Promise<void> {
    const file = join(this.options.dir, 'staff.yaml');
    writeFileSync(file, staffYaml(plan.workers, plan.supervisors, plan.leaver));
    await loadStaffDirectory(staffDepsOf(this.ctx), await readStaffFile(file, PLATFORM_MODULES), { actor: SYSTEM, mayGrantRoles: true });
  }

  /** The office's roster of the day (`kaiheisen roster`): the rotating supervisor, the workers still employed. */
  async roster(day: DayPlan): Promise<void> {
    await setDayStaffing(staffDepsOf(this.ctx), { date: day.date, workers: [...day.workers, day.supervisor], supervisors: [day.supervisor], actor: SYSTEM });
  }

  /** Notes who holds each order now (the assignment rows keep only the latest holder). */
  async noteHolders(): Promise<void> {
    const rows = await this.ctx.db.read.assignment.findMany({ select: { personId: true, workOrder: { select: { orderNo: true } } } });
    for (const r of rows) this.holders.set(r.workOrder.orderNo, (this.holders.get(r.workOrder.orderNo) ?? new Set()).add(r.personId));
  }

  /** The bureau's export of the day, imported as `kaiheisen import` does (another process: the bot sees the database). */
  async importDay(day: DayPlan): Promise<void> {
    const file = join(this.options.dir, `work-orders-${day.date}.csv`);
    writeFileSync(file, dayFileCsv(day.orders));
    const mapping = loadColumnMapping(this.ctx.config.importMappingFile);
    await importWorkOrders(importDepsOf(this.ctx), { source: openWorkOrderFile(file, mapping), dryRun: false, actor: SYSTEM });
    await this.bot.tick(this.clock.now());
  }

  /** One message typed by a person, timed from its receipt to its last answer (the inbox drains before it returns). */
  async say(who: string, text: string, channel?: string): Promise<void> {
    const started = performance.now();
    await this.bot.console!.session.as(who).say(text, channel ? { channel } : {});
    this.acksMs.push(performance.now() - started);
    this.eventsSent += 1;
  }

  async press(who: string, label: string): Promise<void> {
    const started = performance.now();
    await this.bot.console!.session.as(who).pressLabel(label);
    this.acksMs.push(performance.now() - started);
    this.eventsSent += 1;
  }

  /** Submits the form the person has open (a press that opened none is a no-op). */
  async submit(who: string, values: Record<string, string>): Promise<void> {
    const session = this.bot.console!.session.as(who);
    if (!session.openForm()) return;
    const started = performance.now();
    await session.submit(values);
    this.acksMs.push(performance.now() - started);
    this.eventsSent += 1;
  }

  lastTo(who: string): string {
    return this.bot.console!.session.inbox(who).at(-1)?.text ?? '';
  }

  /** The worker reports the visit and answers the bot's questions until it is recorded. */
  async report(who: string, visit: Visit, first = resultLine(visit)): Promise<void> {
    await this.say(who, first);
    for (let i = 0; i < MAX_ANSWERS; i++) {
      const question = this.lastTo(who);
      if (RECORDED.test(question)) return;
      const answer = answerTo(question, visit);
      if (answer === undefined) throw new Error(`${visit.order.orderNo}: ${who} cannot answer 「${question.slice(0, 200)}」`);
      await this.say(who, answer);
    }
    throw new Error(`${visit.order.orderNo}: not recorded after ${MAX_ANSWERS} answers: 「${this.lastTo(who).slice(0, 200)}」`);
  }

  /** Everything delivered since the start, over restarts. */
  transcript(): ConsoleDelivery[] {
    return [...this.delivered, ...this.bot.console!.adapter.deliveries()];
  }
}

export const recipientOf = (d: ConsoleDelivery) => targetKeyOf(d.target);
