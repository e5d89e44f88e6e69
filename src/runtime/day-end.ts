import type { AppContext } from '../main.ts';
import type { Config } from '../config.ts';
import { createCaseOrders } from '../adapters/db/case-order-store.ts';
import { createDailyReportStore } from '../adapters/db/daily-report-store.ts';
import { createDailyRowsReader } from '../adapters/db/daily-rows-store.ts';
import { createDayEndStore } from '../adapters/db/day-end-store.ts';
import { createJobClaims } from '../adapters/db/job-run-store.ts';
import { createOvertimeStore } from '../adapters/db/overtime-store.ts';
import { ReportPdfRenderer } from '../adapters/pdf/pdf-renderer.ts';
import type { DailyJob } from '../adapters/scheduler/daily-jobs.ts';
import type { Poller } from '../adapters/scheduler/scheduler.ts';
import type { ChatGateway } from '../application/chat/delivery.ts';
import type { ChatDirectory, PlatformAdapter } from '../application/chat/ports.ts';
import type { RouteModule } from '../application/chat/routes/compose.ts';
import { compileDailyReport, promptDayEnd, tickEarlyCompile } from '../application/day-end/compile-daily-report.ts';
import { dayEndRoutes } from '../application/day-end/day-end-routes.ts';
import { DAILY_REPORT_JOB, DAY_END_PROMPT_JOB, DEFAULT_DAY_END_SETTINGS, type BureauFiles, type DayEndDeps, type DayEndSettings, type DayEndTeam } from '../application/day-end/ports.ts';
import { remindUnapproved } from '../application/day-end/remind-daily-report.ts';
import { overtimeReportLines } from '../application/overtime/overtime-of-day.ts';
import type { BuildDailyReportDeps } from '../application/reports/build-daily-report.ts';
import type { DailySource } from '../application/reports/daily-report-ports.ts';
import { getDayStaffing } from '../application/staffing/get-day-staffing.ts';
import { tokyoDate } from '../domain/calendar/local-time.ts';
import { createBureauFiles } from './day-end-files.ts';
import { reportDirOf } from './report-files.ts';
import { escalationDirectoryOf } from './escalation.ts';
import { staffDepsOf } from './wiring.ts';

/** DAY_END_PROMPT_TIME and DAILY_REPORT_REMIND_MINUTES, with test overrides. */
export function dayEndSettingsOf(config: Config, override: Partial<DayEndSettings> = {}): DayEndSettings {
  return {
    ...DEFAULT_DAY_END_SETTINGS,
    promptAt: config.dayEnd.promptTime,
    remindMinutes: config.dayEnd.reportRemindMinutes,
    ...override,
  };
}

/** The day's rows from the database, the staffing use case and the overtime lines (spec 2(3)). */
export function dailySourceOf(ctx: AppContext): DailySource {
  const records = createDailyRowsReader(ctx.db);
  const staffDeps = staffDepsOf(ctx);
  const overtime = { overtime: createOvertimeStore(ctx.db), directory: escalationDirectoryOf(ctx) };
  return {
    async loadDay(date, alsoOrderNos = []) {
      const [rows, staffing, overtimeLines] = await Promise.all([
        records.loadDayRecords(date, alsoOrderNos),
        getDayStaffing(staffDeps, date),
        overtimeReportLines(overtime, date),
      ]);
      return { ...rows, onDuty: staffing.onDuty, supervisors: staffing.supervisors, overtimeLines };
    },
    names: async () => new Map((await staffDeps.staff.listPeople()).map((p) => [p.id, p.name])),
  };
}

/** What `report daily` and the bot build the 日報 with. */
export function dailyReportDepsOf(ctx: AppContext): BuildDailyReportDeps {
  return {
    source: dailySourceOf(ctx),
    reports: createDailyReportStore(ctx.db, () => ctx.clock.now()),
    renderer: new ReportPdfRenderer(),
    clock: ctx.clock,
    settings: { contractorName: ctx.config.reportContractorName || undefined },
  };
}

/** The date's supervisors; a date whose staffing names none falls back to the active staff who may supervise. */
export function dayEndTeamOf(ctx: AppContext): DayEndTeam {
  const staffDeps = staffDepsOf(ctx);
  return {
    async team(date) {
      const staffing = await getDayStaffing(staffDeps, date);
      if (staffing.supervisors.length > 0) return { onDuty: staffing.onDuty, supervisors: staffing.supervisors };
      const people = await staffDeps.staff.listPeople();
      const able = people.filter((p) => p.active && p.affiliation === 'contractor' && p.canSupervise).map((p) => p.id);
      return { onDuty: staffing.onDuty, supervisors: able };
    },
  };
}

export interface DayEndRuntime {
  deps: DayEndDeps;
  routes: RouteModule;
  jobs: DailyJob[];
  pollers: Poller[];
  /** The PDF goes through the platform adapters, which createChatRuntime builds after the routes: bind them then. */
  bind(chat: { adapters: PlatformAdapter[]; directory: Pick<ChatDirectory, 'bureauChannels'> }): void;
}

/** The use cases' deps; `files` is bound later (see DayEndRuntime.bind). */
function dayEndDepsOf(ctx: AppContext, gateway: Pick<ChatGateway, 'send'>, files: BureauFiles, instanceId: string, settings?: Partial<DayEndSettings>): DayEndDeps {
  const claims = createJobClaims(ctx.db);
  return {
    report: dailyReportDepsOf(ctx),
    store: createDayEndStore(ctx.db),
    team: dayEndTeamOf(ctx),
    orders: createCaseOrders(ctx.db),
    gateway,
    files,
    claims: { claim: (key, at) => claims.claim(key, instanceId, at), release: (key) => claims.release(key, instanceId) },
    calendar: ctx.calendar,
    clock: ctx.clock,
    logger: ctx.logger,
    settings: dayEndSettingsOf(ctx.config, settings),
  };
}

/**
 * The end of the day wired for the bot: the worker's prompt at `promptAt`, the compile at the end of business hours
 * (or earlier, polled), the reminder of an unapproved report, and the chat routes.
 */
export function createDayEndRuntime(
  ctx: AppContext,
  gateway: Pick<ChatGateway, 'send'>,
  options: { instanceId: string; settings?: Partial<DayEndSettings> },
): DayEndRuntime {
  let files: BureauFiles | undefined;
  const lateFiles: BureauFiles = {
    postPdf: (file) => {
      if (!files) throw new Error('day-end files not bound to the chat yet');
      return files.postPdf(file);
    },
  };
  const deps = dayEndDepsOf(ctx, gateway, lateFiles, options.instanceId, options.settings);
  const calendar = ctx.calendar;
  const workDay = (date: string) => calendar.isWorkDay(date);
  const reportDir = reportDirOf(ctx.config);
  return {
    deps,
    routes: dayEndRoutes(deps),
    jobs: [
      { name: DAY_END_PROMPT_JOB, at: deps.settings.promptAt, catchUpUntil: calendar.businessEnd, runsOn: workDay, run: async (date) => void (await promptDayEnd(deps, date)) },
      { name: DAILY_REPORT_JOB, at: calendar.businessEnd, catchUpUntil: '23:59', runsOn: workDay, run: async (date) => void (await compileDailyReport(deps, date)) },
    ],
    pollers: [
      { name: 'daily-report-early', everyMs: 60_000, tick: (now) => tickEarlyCompile(deps, now, tokyoDate(now)) },
      { name: 'daily-report-remind', everyMs: 60_000, tick: (now) => remindUnapproved(deps, now) },
    ],
    bind: (chat) => void (files = createBureauFiles({ ...chat, reportDir, logger: ctx.logger })),
  };
}
