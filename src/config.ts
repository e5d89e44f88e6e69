import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { PlatformModule, PlatformSettingsById } from './adapters/platform-module.ts';
import { PLATFORM_MODULES } from './assembly/platforms/registry.ts';
import { optionalText } from './config-values.ts';
import { AppError, ErrorCode } from './errors.ts';
import { databaseUrlProblem } from './adapters/db/database.ts';
import type { ReadinessThresholds } from './application/health/check-readiness.ts';

// Messages of zod's own checks (a number out of range, an unknown option) in Japanese, as every message a user reads.
z.config(z.locales.ja());

/** The only reader of the environment: validated once at start-up, then passed down as values. */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM で指定してください');
const list = (fallback = '') =>
  z
    .string()
    .default(fallback)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));
const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', ''])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

const coordinate = (fallback: string, limit: number) =>
  z
    .string()
    .trim()
    .default(fallback)
    .transform((s) => Number(s === '' ? fallback : s))
    .pipe(z.number().min(-limit).max(limit));

/** The package's own examples/, wherever the command runs from (a relative KAIHEISEN_EXAMPLES_DIR is the working folder's). */
const PACKAGE_EXAMPLES = fileURLToPath(new URL('../examples', import.meta.url));

const schema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .default('file:./data/kaiheisen.db')
    .superRefine((url, ctx) => {
      const problem = databaseUrlProblem(url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  KAIHEISEN_LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'info', 'debug']).default('info'),
  KAIHEISEN_EXAMPLES_DIR: z.string().default(PACKAGE_EXAMPLES),
  KAIHEISEN_SHARED_DIR: optionalText.pipe(z.string().refine((d) => isAbsolute(d), '絶対パスで指定してください (すべてのインスタンスで同じ場所)').optional()),
  KAIHEISEN_LOAD_EXAMPLES: flag(true),
  KAIHEISEN_OPERATOR: optionalText,
  KAIHEISEN_OPERATOR_PASSWORD: z.string().optional(),
  BUSINESS_HOURS_START: hhmm.default('09:00'),
  BUSINESS_HOURS_END: hhmm.default('17:45'),
  CLOSED_ANNUAL_DATES: list('12-31,01-01,01-02,01-03'),
  CLOSED_WEEKDAYS: list(),
  CLOSED_ON_NATIONAL_HOLIDAYS: flag(false),
  EXTRA_CLOSED_DATES: list(),
  IMPORT_MAPPING_FILE: z.string().optional(),
  DEPOT_LATITUDE: coordinate('36.5613', 90),
  DEPOT_LONGITUDE: coordinate('136.6447', 180),
  USAGE_ALERT_FACTOR: z.coerce.number().min(1).default(3),
  USAGE_ALERT_MIN_EXCESS_M3: z.coerce.number().min(0).default(20),
  RESULT_PENDING_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  ASSIGN_TIME: hhmm.default('08:00'),
  MORNING_POST_TIME: hhmm.default('08:30'),
  ORDER_WATCH_SECONDS: z.coerce.number().int().min(5).max(3600).default(30),
  DAY_END_PROMPT_TIME: hhmm.default('17:15'),
  DAILY_REPORT_REMIND_MINUTES: z.coerce.number().int().min(1).default(30),
  COMPLAINT_WEBHOOK_SECRET: optionalText.pipe(z.string().min(16, '16 文字以上にしてください').optional()),
  COMPLAINT_ACK_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(120).default(10),
  COMPLAINT_RESOLVE_TIMEOUT_MINUTES: z.coerce.number().int().min(5).max(1440).default(60),
  COMPLAINT_REPAGE_AFTER_REMINDER_MINUTES: z.coerce.number().int().min(5).max(1440).default(60),
  COMPLAINT_NOBODY_RETRY_MINUTES: z.coerce.number().int().min(1).max(120).default(10),
  COMPLAINT_LINK_WINDOW_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  KAIHEISEN_DATA_KEY: optionalText,
  KAIHEISEN_DATA_KEY_FILE: optionalText,
  CREDENTIALS_DIRECTORY: optionalText,
  XDG_CONFIG_HOME: optionalText,
  DOUBT_REMIND_MINUTES: z.coerce.number().int().min(1).default(30),
  INCIDENT_REMIND_MINUTES: optionalText.pipe(z.string().regex(/^\d+$/, '分を整数で指定してください').transform(Number).optional()),
  OVERTIME_REMIND_MINUTES: z.coerce.number().int().min(1).default(15),
  ESCALATION_WATCHDOG_LATE_SECONDS: z.coerce.number().int().min(10).default(120),
  TIMER_POLL_SECONDS: z.coerce.number().int().min(1).max(300).default(5),
  INBOX_TIME_BUDGET_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  INBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  /** Retired: the contractor's name is the staff file's contractor.name; still read only to warn that it is ignored. */
  REPORT_CONTRACTOR_NAME: z.string().trim().default(''),
  MONTHLY_REPORT_TIME: hhmm.default('09:00'),
  POST_STAFFING_DOCUMENTS: flag(false),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  READY_DELIVERY_BACKLOG_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  READY_MAX_FAILED_DELIVERIES: z.coerce.number().int().min(0).default(0),
  READY_MAX_PARKED_EVENTS: z.coerce.number().int().min(0).default(0),
  READY_MIN_FREE_DISK_MB: z.coerce.number().int().min(0).default(100),
  CHAT_PRIVACY_POLICY: z.enum(['default', 'assignee-contact']).default('default'),
});

const PLATFORMS: readonly PlatformModule[] = PLATFORM_MODULES;

/** Each chat platform's variables (SLACK_*, TEAMS_* …), from its module in the registry, checked with the rest. */
const platformSchema = z.object(Object.fromEntries(PLATFORMS.flatMap((m) => Object.entries(m.settings?.env ?? {}))));

export type RawConfig = z.infer<typeof schema>;

export interface Config {
  databaseUrl: string;
  logLevel: RawConfig['KAIHEISEN_LOG_LEVEL'];
  examplesDir: string;
  loadExamples: boolean;
  /**
   * The folder every instance shares (KAIHEISEN_SHARED_DIR, e.g. an NFS mount) for the files they write: backups/,
   * reports/, disposal/. Unset: the SQLite file's folder; PostgreSQL has none (src/adapters/files-folder.ts).
   */
  sharedDir?: string;
  /** Person id of the CLI operator when a command gets no --by (scripts); checked like --by. */
  operator?: string;
  /** The operator's password for scripts (KAIHEISEN_OPERATOR_PASSWORD); never logged. */
  operatorPassword?: string;
  calendar: {
    businessStart: string;
    businessEnd: string;
    closedAnnualDates: string[];
    closedWeekdays: string[];
    closedOnNationalHolidays: boolean;
    extraClosedDates: string[];
  };
  importMappingFile?: string;
  /** Where routes start and end: the bureau office. */
  depot: { latitude: number; longitude: number };
  port: number;
  /** Whether PORT was given: a bot with Slack in Socket Mode and no webhook runs the HTTP server (health only) then. */
  portSet: boolean;
  /** When GET /readyz and `kaiheisen status` report the bot not ready. */
  readiness: ReadinessThresholds;
  /** When a new usage counts as far above the previous one (spec 15(3)ウ(ｲ)b). */
  results: { usageAlert: { factor: number; minExcessM3: number }; pendingMinutes: number };
  chatPrivacyPolicy: RawConfig['CHAT_PRIVACY_POLICY'];
  /**
   * Keys of personal fields at rest (src/adapters/db/data-key-setup.ts): KAIHEISEN_DATA_KEY, KAIHEISEN_DATA_KEY_FILE
   * or systemd's $CREDENTIALS_DIRECTORY/kaiheisen-data-key; none: the demo's development key in `devKeyDir`.
   */
  dataKey: { key?: string; keyFile?: string; credentialsDir?: string; devKeyDir: string };
  complaints: {
    webhookSecret?: string;
    policy: {
      ackTimeoutMinutes: number;
      resolveTimeoutMinutes: number;
      repageAfterReminderMinutes: number;
      nobodyRetryMinutes: number;
      linkWindowDays: number;
    };
  };
  /** End of day (spec 15(4)): the prompt to workers, and reminders of an unapproved daily report. */
  dayEnd: { promptTime: string; reportRemindMinutes: number };
  /** How often the running bot looks for work orders imported or changed since it last looked. */
  orderWatchSeconds: number;
  /** Daily morning post on work days (Asia/Tokyo). */
  /** HH:MM of the daily assignment (振り分け), before the morning post. */
  assignTime: string;
  morningPostTime: string;
  escalation: {
    doubtRemindMinutes: number;
    incidentRemindMinutes?: number;
    overtimeRemindMinutes: number;
    watchdogLateMs: number;
    timerPollMs: number;
  };
  /** Received chat events: time budget of one attempt, attempts before an event is parked. */
  inbox: { timeBudgetMs: number; maxAttempts: number };
  /** Retired variables that are still set (REPORT_CONTRACTOR_NAME): the context warns once that they are not read. */
  retiredSettings: string[];
  /** Reports posted by the bot: the monthly report on the first work day of a month, the staffing PDF with the morning post. */
  reportJobs: { monthlyTime: string; postStaffingDocuments: boolean };
  /**
   * Each chat platform's settings by id, as its module reads them (src/adapters/<id>/<id>-settings.ts): present when
   * any of its variables is given (the platform is on); its adapter refuses to start when a required one is missing.
   */
  platforms: PlatformSettingsById;
}

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  const platformValues = platformSchema.safeParse(env);
  if (!parsed.success || !platformValues.success) {
    const issues = [...(parsed.error?.issues ?? []), ...(platformValues.error?.issues ?? [])];
    const lines = issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new AppError(ErrorCode.ConfigInvalid, `設定が正しくありません:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  const badDay = c.CLOSED_WEEKDAYS.find((d) => !WEEKDAYS.includes(d.toLowerCase()));
  if (badDay) {
    throw new AppError(ErrorCode.ConfigInvalid, `CLOSED_WEEKDAYS: 曜日 "${badDay}" は sun,mon,...,sat で指定してください`);
  }
  const badAnnual = c.CLOSED_ANNUAL_DATES.find((d) => !/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(d));
  if (badAnnual) {
    throw new AppError(ErrorCode.ConfigInvalid, `CLOSED_ANNUAL_DATES: "${badAnnual}" は MM-DD で指定してください`);
  }
  const badExtra = c.EXTRA_CLOSED_DATES.find((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d));
  if (badExtra) {
    throw new AppError(ErrorCode.ConfigInvalid, `EXTRA_CLOSED_DATES: "${badExtra}" は YYYY-MM-DD で指定してください`);
  }
  assertAssignBeforePost(c.ASSIGN_TIME, c.MORNING_POST_TIME);
  return {
    databaseUrl: c.DATABASE_URL,
    logLevel: c.KAIHEISEN_LOG_LEVEL,
    examplesDir: c.KAIHEISEN_EXAMPLES_DIR,
    loadExamples: c.KAIHEISEN_LOAD_EXAMPLES,
    sharedDir: c.KAIHEISEN_SHARED_DIR,
    operator: c.KAIHEISEN_OPERATOR,
    operatorPassword: c.KAIHEISEN_OPERATOR_PASSWORD || undefined,
    calendar: {
      businessStart: c.BUSINESS_HOURS_START,
      businessEnd: c.BUSINESS_HOURS_END,
      closedAnnualDates: c.CLOSED_ANNUAL_DATES,
      closedWeekdays: c.CLOSED_WEEKDAYS.map((d) => d.toLowerCase()),
      closedOnNationalHolidays: c.CLOSED_ON_NATIONAL_HOLIDAYS,
      extraClosedDates: c.EXTRA_CLOSED_DATES,
    },
    importMappingFile: c.IMPORT_MAPPING_FILE,
    depot: { latitude: c.DEPOT_LATITUDE, longitude: c.DEPOT_LONGITUDE },
    port: c.PORT ?? 3000,
    portSet: c.PORT !== undefined,
    readiness: {
      deliveryBacklogMinutes: c.READY_DELIVERY_BACKLOG_MINUTES,
      maxFailedDeliveries: c.READY_MAX_FAILED_DELIVERIES,
      maxParkedEvents: c.READY_MAX_PARKED_EVENTS,
      minFreeDiskMb: c.READY_MIN_FREE_DISK_MB,
    },
    results: {
      usageAlert: { factor: c.USAGE_ALERT_FACTOR, minExcessM3: c.USAGE_ALERT_MIN_EXCESS_M3 },
      pendingMinutes: c.RESULT_PENDING_MINUTES,
    },
    chatPrivacyPolicy: c.CHAT_PRIVACY_POLICY,
    inbox: { timeBudgetMs: c.INBOX_TIME_BUDGET_SECONDS * 1000, maxAttempts: c.INBOX_MAX_ATTEMPTS },
    retiredSettings: c.REPORT_CONTRACTOR_NAME ? ['REPORT_CONTRACTOR_NAME'] : [],
    reportJobs: { monthlyTime: c.MONTHLY_REPORT_TIME, postStaffingDocuments: c.POST_STAFFING_DOCUMENTS },
    assignTime: c.ASSIGN_TIME,
    morningPostTime: c.MORNING_POST_TIME,
    orderWatchSeconds: c.ORDER_WATCH_SECONDS,
    dayEnd: { promptTime: c.DAY_END_PROMPT_TIME, reportRemindMinutes: c.DAILY_REPORT_REMIND_MINUTES },
    complaints: {
      webhookSecret: c.COMPLAINT_WEBHOOK_SECRET,
      policy: {
        ackTimeoutMinutes: c.COMPLAINT_ACK_TIMEOUT_MINUTES,
        resolveTimeoutMinutes: c.COMPLAINT_RESOLVE_TIMEOUT_MINUTES,
        repageAfterReminderMinutes: c.COMPLAINT_REPAGE_AFTER_REMINDER_MINUTES,
        nobodyRetryMinutes: c.COMPLAINT_NOBODY_RETRY_MINUTES,
        linkWindowDays: c.COMPLAINT_LINK_WINDOW_DAYS,
      },
    },
    dataKey: { key: c.KAIHEISEN_DATA_KEY, keyFile: c.KAIHEISEN_DATA_KEY_FILE, credentialsDir: c.CREDENTIALS_DIRECTORY, devKeyDir: devKeyDir(c.XDG_CONFIG_HOME) },
    escalation: {
      doubtRemindMinutes: c.DOUBT_REMIND_MINUTES,
      incidentRemindMinutes: c.INCIDENT_REMIND_MINUTES,
      overtimeRemindMinutes: c.OVERTIME_REMIND_MINUTES,
      watchdogLateMs: c.ESCALATION_WATCHDOG_LATE_SECONDS * 1000,
      timerPollMs: c.TIMER_POLL_SECONDS * 1000,
    },
    platforms: platformSettingsOf(platformValues.data),
  };
}

/**
 * <XDG_CONFIG_HOME or ~/.config>/kaiheisen. A configuration given without XDG_CONFIG_HOME (tests pass a few values)
 * falls back to the process's, so that test runs point it at a temp folder, never at the real home.
 */
function devKeyDir(xdgConfigHome: string | undefined): string {
  const given = [xdgConfigHome, process.env.XDG_CONFIG_HOME].find((d) => d && isAbsolute(d));
  return join(given ?? join(homedir(), '.config'), 'kaiheisen');
}

/** The day is assigned before it is posted: ASSIGN_TIME must come before MORNING_POST_TIME. */
export function assertAssignBeforePost(assignTime: string, morningPostTime: string): void {
  if (assignTime < morningPostTime) return;
  throw new AppError(
    ErrorCode.ConfigInvalid,
    `ASSIGN_TIME (${assignTime}) は MORNING_POST_TIME (${morningPostTime}) より前の時刻にしてください: 朝の配信の前に振り分けます`,
  );
}

/** The settings of each platform any of whose variables is given, in registry order (a missing required one throws). */
function platformSettingsOf(values: Record<string, unknown>): PlatformSettingsById {
  const settings: Partial<Record<string, unknown>> = {};
  for (const m of PLATFORMS) {
    const read = m.settings?.read(values);
    if (read !== undefined) settings[m.id] = read;
  }
  return settings;
}
