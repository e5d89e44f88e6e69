import type { AppContext } from '../context.ts';
import type { Config } from '../../config.ts';
import { CHAT_POLICIES } from '../../domain/privacy/chat-policy.ts';
import { createCaseOrders } from '../../adapters/db/case-order-store.ts';
import { createDailyReportStore } from '../../adapters/db/daily-report-store.ts';
import { createDailyRowsReader } from '../../adapters/db/daily-rows-store.ts';
import { createCarryQuestionStore } from '../../adapters/db/carry-question-store.ts';
import { createDayEndStore } from '../../adapters/db/day-end-store.ts';
import { createJobClaims } from '../../adapters/db/job-run-store.ts';
import { createPendingReplyStore } from '../../adapters/db/pending-reply-store.ts';
import { createOvertimeStore } from '../../adapters/db/overtime-store.ts';
import { createTimerStore } from '../../adapters/db/timer-store.ts';
import { ReportPdfRenderer } from '../../adapters/pdf/pdf-renderer.ts';
import type { ChatGateway } from '../../application/chat/delivery.ts';
import { DEFAULT_DAY_END_SETTINGS, type BureauFiles, type DayEndDeps, type DayEndSettings } from '../../application/day-end/ports.ts';
import { overtimeReportLines } from '../../application/overtime/overtime-of-day.ts';
import type { BuildDailyReportDeps } from '../../application/reports/build-daily-report.ts';
import type { DailySource } from '../../application/reports/daily-report-ports.ts';
import { getDayStaffing } from '../../application/staffing/get-day-staffing.ts';
import { workingOnDuty } from '../../domain/staffing/day-staffing.ts';
import { staffDepsOf, staffDirectoryOf } from './staff.ts';
import { contractorSourceOf } from './reports.ts';

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
  const overtime = { overtime: createOvertimeStore(ctx.db), directory: staffDirectoryOf(ctx) };
  return {
    async loadDay(date, alsoOrderNos = []) {
      const [rows, staffing, overtimeLines] = await Promise.all([
        records.loadDayRecords(date, alsoOrderNos),
        getDayStaffing(staffDeps, date),
        overtimeReportLines(overtime, date),
      ]);
      return { ...rows, onDuty: workingOnDuty(staffing), supervisors: staffing.supervisors, overtimeLines };
    },
    names: () => staffDeps.staff.names(),
  };
}

/** What `report daily` and the bot build the 日報 with. */
export function dailyReportDepsOf(ctx: AppContext): BuildDailyReportDeps {
  return {
    source: dailySourceOf(ctx),
    reports: createDailyReportStore(ctx.db, () => ctx.clock.now()),
    renderer: new ReportPdfRenderer(),
    clock: ctx.clock,
    contractor: contractorSourceOf(ctx),
  };
}

/** The end of the day's use cases, claiming their runs as `instanceId`. */
export function dayEndDepsOf(
  ctx: AppContext,
  chat: { gateway: Pick<ChatGateway, 'send'>; bureauFiles: BureauFiles },
  instanceId: string,
  settings?: Partial<DayEndSettings>,
): DayEndDeps {
  const claims = createJobClaims(ctx.db);
  const pending = createPendingReplyStore(ctx.db);
  return {
    report: dailyReportDepsOf(ctx),
    store: createDayEndStore(ctx.db),
    carryQuestions: createCarryQuestionStore(ctx.db),
    team: staffDirectoryOf(ctx),
    orders: createCaseOrders(ctx.db),
    overtime: createOvertimeStore(ctx.db),
    gateway: chat.gateway,
    files: chat.bureauFiles,
    claims: { claim: (key, at) => claims.claim(key, instanceId, at), release: (key) => claims.release(key, instanceId) },
    timers: createTimerStore(ctx.db),
    calendar: ctx.calendar,
    clock: ctx.clock,
    logger: ctx.logger,
    settings: dayEndSettingsOf(ctx.config, settings),
    privacy: CHAT_POLICIES[ctx.config.chatPrivacyPolicy],
    conversation: {
      async waitsForAnswer(personId) {
        const open = await pending.get(personId);
        return open !== undefined && open.expiresAt.getTime() > ctx.clock.now().getTime();
      },
    },
  };
}
