import { userInfo } from 'node:os';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tokyoDate } from '../../../../src/domain/calendar/local-time.ts';
import { messageImEvent, postSigned } from '../../../support/slack-requests.ts';
import { ChildBot, freePort, runCli } from './child-bot.ts';
import { SlackStandIn } from './slack-stand-in.ts';
import { until } from '../../../support/until.ts';

const SECRET = 'kill-every-step-signing-secret';
export const WORKER_SLACK = 'UW02';
export const SUPERVISOR_SLACK = 'UW01';
const WORKER_DM = `D${WORKER_SLACK}`;

/** A synthetic team: a supervisor (admin, at the office) and one worker on duty every day, a bureau contact. Invented data. */
const STAFF = `people:
  - id: w01
    affiliation: contractor
    name: 架空 太郎
    phone: 090-0000-0001
    canSupervise: true
    isAdmin: true
    isSecurityOfficer: true
    idCard: { number: "KT-0001", expiresOn: 2099-03-31 }
    chat: { slack: ${SUPERVISOR_SLACK} }
    osUser: ${JSON.stringify(userInfo().username)}
  - id: w02
    affiliation: contractor
    name: 仮野 次郎
    phone: 090-0000-0002
    idCard: { number: "KT-0002", expiresOn: 2099-03-31 }
    chat: { slack: ${WORKER_SLACK} }
  - id: c01
    affiliation: bureau
    name: 想定 一郎
    phone: 090-0000-0101
    chat: { slack: UC01 }
defaultStaffing:
  workers: [w01, w02]
  supervisors: [w01]
afterHoursRoster:
  - people: [w02]
contactCharts:
  doubt:
    - { target: supervisor, ackTimeoutMinutes: 10 }
    - { target: c01, ackTimeoutMinutes: 15 }
  incident:
    - { target: supervisor, ackTimeoutMinutes: 10 }
    - { target: c01, ackTimeoutMinutes: 15 }
channels:
  bureau: { slack: C0BUREAU01 }
`;

const HEADER = '作業番号,作業種別,作業予定日,お客さま番号,使用者名,使用者名カナ,住所,地図版,水栓番号,メーター番号,口径,前回指針,前回使用量,メーター作業,連絡先電話番号,備考,緯度,経度';

/** Two orders of the day, no personal fields: the conversation is about the first (開栓, previous reading 5571). */
function ordersCsv(date: string): string {
  const no = date.replaceAll('-', '');
  return [
    HEADER,
    `${no}-0001,開栓,${date},,,,石川県金沢市泉が丘1丁目12-20,南,,M00000001,20,5571,38,,,,36.5401,136.6402`,
    `${no}-0002,閉栓,${date},,,,石川県金沢市円光寺3丁目26-3,南,,M00000002,20,7486,51,,,,36.5452,136.6370`,
    '',
  ].join('\n');
}

/** Stored inbound events, conversation state and results as one comparable value (no ids of rows, no times). */
export interface Records {
  results: Record<string, unknown>[];
  orders: { orderNo: string; status: string }[];
  conversations: Record<string, unknown>[];
  events: { id: number; eventKey: string; state: string }[];
  audit: { action: string; count: number }[];
  materials: { meterMovements: number; consumables: number; attachments: number };
}

const ENCRYPTED = new Set(['note', 'phoneContactOutcome', 'readingDifferenceNote', 'draft', 'said']);
const VOLATILE = new Set(['id', 'recordedAt', 'updatedAt', 'createdAt', 'expiresAt']);

function comparable(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row)
      .filter(([k]) => !VOLATILE.has(k))
      .map(([k, v]) => [k, ENCRYPTED.has(k) && typeof v === 'string' ? (v.startsWith('enc:') ? '<encrypted>' : `<PLAIN> ${v}`) : v]),
  );
}

export function readRecords(path: string): Records {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const all = (sql: string) => db.prepare(sql).all() as Record<string, unknown>[];
    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    return {
      results: all('SELECT r.*, w."orderNo" FROM "TaskResult" r JOIN "WorkOrder" w ON w."id" = r."workOrderId" ORDER BY w."orderNo"').map(comparable),
      orders: all('SELECT "orderNo", "status" FROM "WorkOrder" ORDER BY "orderNo"') as Records['orders'],
      conversations: all('SELECT * FROM "PendingReply" ORDER BY "personId"').map(comparable),
      events: all('SELECT "id", "eventKey", "state" FROM "InboundEvent" ORDER BY "id"') as Records['events'],
      audit: all(`SELECT "action", COUNT(*) AS count FROM "AuditLog" WHERE "action" LIKE 'result.%' OR "action" LIKE 'dayEnd.%' GROUP BY "action" ORDER BY "action"`) as Records['audit'],
      materials: { meterMovements: count('MeterMovement'), consumables: count('ConsumableUse'), attachments: count('Attachment') },
    };
  } finally {
    db.close();
  }
}

/** The inbox rows as the test polls them (state only). */
function eventStates(path: string): { id: number; state: string }[] {
  const db = new Database(path, { fileMustExist: true });
  try {
    return db.prepare('SELECT "id", "state" FROM "InboundEvent" ORDER BY "id"').all() as { id: number; state: string }[];
  } finally {
    db.close();
  }
}

/** Whether the event's effects are in the database: the open question or the result names it as its source. */
function committedBy(path: string, eventKey: string): boolean {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const event = db.prepare('SELECT "id" FROM "InboundEvent" WHERE "eventKey" = ?').get(eventKey) as { id: number } | undefined;
    if (!event) return false;
    const asked = db.prepare('SELECT 1 FROM "PendingReply" WHERE "sourceEventId" = ?').get(event.id);
    const recorded = db.prepare('SELECT 1 FROM "TaskResult" WHERE "sourceEventId" = ?').get(event.id);
    return Boolean(asked ?? recorded);
  } finally {
    db.close();
  }
}

/** Outbound deliveries still to be sent (the outbox, when the schema has one). */
function pendingDeliveries(path: string): number {
  const db = new Database(path, { fileMustExist: true });
  try {
    const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'Delivery'`).get();
    return table ? (db.prepare(`SELECT COUNT(*) AS n FROM "Delivery" WHERE "state" = 'pending'`).get() as { n: number }).n : 0;
  } finally {
    db.close();
  }
}

/**
 * After kill -9 the dead process's claims still hold their leases. A restarted process takes them once the lease
 * runs out; the test moves the leases to the past instead of waiting for the wall clock.
 */
function expireLeases(path: string): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    for (const table of ['InboundEvent', 'Delivery']) {
      const columns = new Set((db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name));
      if (columns.has('leaseUntil')) db.prepare(`UPDATE "${table}" SET "leaseUntil" = '1970-01-01T00:00:00.000+00:00' WHERE "leaseUntil" IS NOT NULL`).run();
    }
  } finally {
    db.close();
  }
}

/** Slack's event_id of the script's i-th message (0-based). */
const eventKeyOf = (i: number) => `EvKill${String(i + 1).padStart(4, '0')}`;


export interface RunOptions {
  /** Hold the n-th outbound Slack call of the conversation and kill -9 the bot while it waits for it. */
  holdStep?: number;
  /** Kill -9 the bot as soon as it acknowledged this event of the script (0-based), before it is worked on. */
  killAfterAck?: number;
}

export interface RunReport {
  records: Records;
  /** What Slack holds in the end, per channel. */
  slack: Record<string, string[]>;
  /** The worker's DM after each event of the script (message count). */
  dmAfter: number[];
  /**
   * Where the kill came: the event being processed (0-based), the held call, if any, and whether that event's
   * effects (the question it asked, or the result it recorded) were committed when the process died.
   */
  killedAt?: { event: number; call?: string; committed: boolean };
  /** Outbound steps of the run (Slack calls that post, update or open a DM). */
  steps: number;
  /** Answers the bot refused as written before their question (never expected in this script). */
  staleAnswers: number;
  /** Events the bot recognised as replays of work committed before the kill. */
  replays: number;
}

/**
 * The real process (`node bin/kaiheisen.mjs start`, Slack in HTTP mode, SQLite file) on a database prepared once
 * through the CLI (`staff load`, `import`, `assign` for today), a Slack stand-in on loopback, and a conversation the
 * worker types as signed Slack events; each run on a fresh copy of the prepared database.
 */
export class KillWorld {
  readonly slack = new SlackStandIn();
  private readonly dir = mkdtempSync(join(tmpdir(), 'kaiheisen-kill-'));
  private readonly template = join(this.dir, 'template.db');
  private readonly dataKey = randomBytes(32).toString('base64');
  private apiUrl = '';
  private runs = 0;
  readonly date = tokyoDate(new Date());

  private env(databasePath: string, port: number): Record<string, string> {
    return {
      DATABASE_URL: `file:${databasePath}`,
      KAIHEISEN_DATA_KEY: this.dataKey,
      KAIHEISEN_LOAD_EXAMPLES: 'false',
      KAIHEISEN_LOG_LEVEL: 'info',
      SLACK_BOT_TOKEN: 'xoxb-kill-every-step-0001',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_MODE: 'http',
      SLACK_API_URL: this.apiUrl,
      SLACK_BUREAU_CHANNEL: 'C0BUREAU01',
      PORT: String(port),
      // Every hour is a business hour and no daily job falls due while the conversation runs: the run depends on
      // the worker's messages only, whatever the time of day the test runs.
      BUSINESS_HOURS_START: '00:00',
      BUSINESS_HOURS_END: '23:59',
      MORNING_POST_TIME: '23:59',
      DAY_END_PROMPT_TIME: '23:59',
      MONTHLY_REPORT_TIME: '23:59',
      CLOSED_ANNUAL_DATES: '',
    };
  }

  /** The stand-in, and the database every run starts from: staff, today's orders, today's assignment. */
  async prepare(): Promise<void> {
    this.apiUrl = await this.slack.listen();
    const staff = join(this.dir, 'staff.yaml');
    const orders = join(this.dir, 'orders.csv');
    writeFileSync(staff, STAFF);
    writeFileSync(orders, ordersCsv(this.date));
    const env = this.env(this.template, 1);
    for (const args of [['staff', 'load', staff], ['import', orders], ['assign', '--date', this.date]]) {
      const r = await runCli(args, env);
      if (r.code !== 0) throw new Error(`kaiheisen ${args.join(' ')} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
    }
    // One start and a clean stop: the jobs due at start (ID cards …) run once here, not in every run.
    const bot = await ChildBot.start(this.env(this.template, await freePort()));
    await until('the start-up deliveries sent', () => pendingDeliveries(this.template) === 0);
    const code = await bot.stop();
    if (code !== 0) throw new Error(`kaiheisen start did not stop cleanly (${code}):\n${bot.output}`);
    for (const suffix of ['-wal', '-shm']) if (existsSync(this.template + suffix)) throw new Error('template database not checkpointed');
  }

  async dispose(): Promise<void> {
    await this.slack.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * Plays the script once: uninterrupted, or killed at one point and restarted on the same database. The worker
   * writes each message after the bot answered the previous one (its DM holds `expectedDm[i]` messages, or one
   * more than before when no run is known yet), as a person reading the questions does.
   */
  async run(script: readonly string[], expectedDm: readonly number[] | undefined, options: RunOptions = {}): Promise<RunReport> {
    const path = join(this.dir, `run-${++this.runs}.db`);
    copyFileSync(this.template, path);
    this.slack.reset();
    let port = await freePort();
    let bot = await ChildBot.start(this.env(path, port));
    const outputs: string[] = [];
    const held = options.holdStep ? this.slack.holdStep(options.holdStep) : undefined;
    let heldCall: string | undefined;
    void held?.then((call) => (heldCall = call.method));
    let killedAt: RunReport['killedAt'];
    const dmAfter: number[] = [];
    const dm = () => this.slack.messagesIn(WORKER_DM).length;
    const settled = (i: number, before: number) => eventStates(path).every((e) => e.state === 'done') && pendingDeliveries(path) === 0 && dm() >= (expectedDm?.[i] ?? before + 1);
    const restart = async (event: number) => {
      await bot.kill();
      killedAt = { event, ...(heldCall ? { call: heldCall } : {}), committed: committedBy(path, eventKeyOf(event)) };
      outputs.push(bot.output);
      this.slack.clearHold();
      expireLeases(path);
      port = await freePort();
      bot = await ChildBot.start(this.env(path, port));
    };
    for (const [i, text] of script.entries()) {
      const before = dm();
      await this.say(port, i, text);
      if (!killedAt && options.killAfterAck === i) await restart(i);
      await until(`event ${i} handled (or its held call)`, () => (heldCall !== undefined && !killedAt) || settled(i, before));
      if (heldCall !== undefined && !killedAt) {
        await restart(i);
        await until(`event ${i} recovered after the restart`, () => settled(i, before));
      }
      assertNoFailed(path);
      dmAfter.push(dm());
    }
    const code = await bot.stop();
    outputs.push(bot.output);
    if (code !== 0) throw new Error(`kaiheisen start did not stop cleanly (${code}):\n${bot.output}`);
    const logs = outputs.join('\n');
    const count = (msg: string) => logs.split('\n').filter((l) => l.includes(`"msg":"${msg}`)).length;
    return {
      records: readRecords(path),
      slack: this.slack.contents(),
      dmAfter,
      ...(killedAt ? { killedAt } : {}),
      steps: this.slack.steps.length,
      staleAnswers: count('answer written before the open question'),
      replays: count('replayed event'),
    };
  }

  /** One signed message.im event from the worker, acknowledged by the bot (stored). */
  private async say(port: number, i: number, text: string): Promise<void> {
    const ts = `1774570000.${String(i + 1).padStart(6, '0')}`;
    const body = JSON.stringify(messageImEvent({ eventId: eventKeyOf(i), user: WORKER_SLACK, text, ts, channel: 'D0KILL0001' }));
    const res = await postSigned(`http://127.0.0.1:${port}/slack/events`, body, { secret: SECRET });
    if (res.status !== 200) throw new Error(`event ${i} not acknowledged: ${res.status}`);
  }
}

function assertNoFailed(path: string): void {
  const failed = eventStates(path).filter((e) => e.state !== 'done' && e.state !== 'received');
  if (failed.length > 0) throw new Error(`inbound events not done: ${JSON.stringify(failed)}`);
}
