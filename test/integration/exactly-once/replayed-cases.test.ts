import { afterEach, describe, expect, it } from 'vitest';
import { createInboxStore } from '../../../src/adapters/db/inbox-store.ts';
import { recordComplaint } from '../../../src/application/complaints/receive-complaint.ts';
import { parseComplaintCommand } from '../../../src/domain/complaints/complaint-command.ts';
import { complaintDepsOf } from '../../../src/assembly/services/complaints.ts';
import { SLACK_SECRET } from '../../support/assembled-bot.ts';
import { blockActionsPayload, formBody, messageImEvent, postSigned } from '../../support/slack-requests.ts';
import { DATE, SlackWorld } from './support/slack-world.ts';

/**
 * Issue 9, item 3, for every chat command that opens a case, pages, moves an order or changes the roster, and for the
 * buttons that act on a case: the assembled bot (Slack over HTTP + Teams + the complaint webhook, as `kaiheisen start`
 * runs it) processes the event, then it is replayed as after a crash before it was marked done (the InboundEvent row
 * back to `received`, lease cleared, the next start recovers it) — once with its messages already out, once as if
 * nothing had been sent. Each time: no second row, timer, page or audit entry, and Slack holds exactly what it held
 * after the first run (the same answer, once).
 */
let w: SlackWorld | undefined;
afterEach(async () => {
  await w?.dispose();
  w = undefined;
});

const SUPERVISOR = 'UW01';
const WORKER = 'UW02';
const BUREAU_PERSON = 'UC01';
const BUREAU_CHANNEL = 'C0BUREAU01';
const COMPLAINT = '苦情 水が出ない 金沢市広坂1丁目1-1';
let n = 0;

/** The worker's first open order of the day (its short number for typing). */
async function workerOrder(world: SlackWorld) {
  const row = await world.db.read.assignment.findFirstOrThrow({
    where: { date: DATE, personId: 'w02', workOrder: { status: 'open' } },
    include: { workOrder: true },
    orderBy: { visitOrder: 'asc' },
  });
  return { orderNo: row.workOrder.orderNo, serial: row.workOrder.orderNo.slice(-4) };
}

/** A button pressed in the person's DM, as Slack sends block_actions; the bot's event key is `${action_ts}:${user}`. */
async function press(world: SlackWorld, slackUser: string, actionId: string, value: string): Promise<string> {
  const actionTs = `1774570500.${String(++n).padStart(6, '0')}`;
  const body = formBody(blockActionsPayload({ user: slackUser, actionId, value, actionTs, channel: `D${slackUser}` }));
  const res = await postSigned(`${world.assembled.base}/slack/events`, body, { secret: SLACK_SECRET, contentType: 'application/x-www-form-urlencoded' });
  if (res.status !== 200) throw new Error(`block_actions not acknowledged: ${res.status}`);
  await world.settle();
  return `${actionTs}:${slackUser}`;
}

/** A message written in the bureau channel (not a DM), as Slack sends it. */
async function sayInChannel(world: SlackWorld, slackUser: string, text: string): Promise<string> {
  const eventId = `EvCH${String(++n).padStart(6, '0')}`;
  const event = messageImEvent({ eventId, user: slackUser, text, channel: BUREAU_CHANNEL, ts: `1774570600.${String(n).padStart(6, '0')}` });
  const body = JSON.stringify({ ...event, event: { ...event.event, channel_type: 'channel' } });
  const res = await postSigned(`${world.assembled.base}/slack/events`, body, { secret: SLACK_SECRET });
  if (res.status !== 200) throw new Error(`channel message not acknowledged: ${res.status}`);
  await world.settle();
  return eventId;
}

/** The Slack message timestamps held so far: what a step posted is what is not in here afterwards. */
const heldTs = (world: SlackWorld) => new Set([...world.slack.channels.values()].flatMap((list) => list.map((m) => m.ts)));

/**
 * The crash came after the event's effects were committed and before anything was sent for it: its deliveries go,
 * and every message it posted (not the older messages it updated in place) is gone from Slack and from the bot's
 * message refs.
 */
async function unsendAll(world: SlackWorld, eventKey: string, before: Set<string>): Promise<void> {
  const { id } = await world.db.read.inboundEvent.findUniqueOrThrow({ where: { platform_eventKey: { platform: 'slack', eventKey } } });
  const cause = `event:${id}`;
  const posted = (ref: string) => ![...before].some((ts) => ref.includes(ts));
  const refs = await world.db.read.outboundMessage.findMany({ where: { platform: 'slack' }, select: { id: true, messageRef: true } });
  await world.db.write(async (tx) => {
    await tx.delivery.deleteMany({ where: { OR: [{ dedupeKey: { startsWith: `${cause}#` } }, { dedupeKey: { startsWith: `${cause}|` } }] } });
    await tx.outboundMessage.deleteMany({ where: { id: { in: refs.filter((r) => posted(r.messageRef)).map((r) => r.id) } } });
  });
  for (const [channel, list] of world.slack.channels) world.slack.channels.set(channel, list.filter((m) => before.has(m.ts)));
}

const CASE_KEYS = ['doubt:', 'incident:', 'overtime:', 'complaint:'];
const MY_AUDIT = /^(?:(?:doubt|incident|overtime|complaint|afterHoursOverride)\.|assignment\.move$)/u;

/** Every row a case, a page, a move or a roster change consists of (timestamps included: nothing may be rewritten). */
async function records(world: SlackWorld) {
  const db = world.db.read;
  const timers = await db.durableTimer.findMany({ orderBy: { id: 'asc' }, select: { id: true, kind: true, dedupeKey: true, state: true, dueAt: true, attempts: true } });
  const audit = await db.auditLog.findMany({ orderBy: { id: 'asc' }, select: { id: true, action: true, entity: true, entityId: true, after: true } });
  return {
    doubts: await db.doubt.findMany({ orderBy: { id: 'asc' }, include: { attachments: true } }),
    incidents: await db.incident.findMany({ orderBy: { id: 'asc' }, include: { acks: true, attachments: true } }),
    overtime: await db.overtimeRequest.findMany({ orderBy: { id: 'asc' } }),
    complaints: await db.complaint.findMany({ orderBy: { id: 'asc' }, include: { pages: true } }),
    caseEvents: await db.caseEvent.findMany({ orderBy: { id: 'asc' } }),
    timers: timers.filter((t) => CASE_KEYS.some((k) => t.dedupeKey?.startsWith(k))),
    audit: audit.filter((a) => MY_AUDIT.test(a.action)),
    overrides: await db.afterHoursOverride.findMany({ orderBy: { id: 'asc' } }),
    assignments: await db.assignment.findMany({ where: { date: DATE }, orderBy: { workOrderId: 'asc' }, omit: { assignedAt: true } }),
  };
}

/**
 * Runs the step (which returns its event key), then replays that event twice: with its messages out, and as if
 * nothing had been sent. Records and what Slack holds must be as after the first run both times. Returns that state.
 * `unsent: false` for a complaint: its messages are sent by its first step (a durable timer marked done only once
 * they are in the outbox), so "committed, nothing sent, step done" cannot happen; the crash before that step has a
 * test of its own.
 */
async function stepReplayed(world: SlackWorld, step: () => Promise<string>, { unsent = true } = {}) {
  const before = heldTs(world);
  const eventKey = await step();
  const first = { rows: await records(world), slack: world.slack.contents() };

  await world.unfinish(eventKey);
  await world.restart();
  expect(await records(world)).toEqual(first.rows);
  expect(world.slack.contents()).toEqual(first.slack);
  if (!unsent) return first;

  await world.unfinish(eventKey);
  await unsendAll(world, eventKey, before);
  await world.restart();
  expect(await records(world)).toEqual(first.rows);
  expect(world.slack.contents()).toEqual(first.slack);
  return first;
}

const dm = (world: SlackWorld, slackUser: string) => world.dm(slackUser).map((m) => m.text);

/** What Slack holds about complaints, per channel (the morning post and other messages left out). */
const complaintMessages = (world: SlackWorld) =>
  Object.fromEntries(Object.entries(world.slack.contents()).map(([channel, texts]) => [channel, texts.filter((t) => t.includes('苦情'))]));

describe('a doubt, replayed', () => {
  it('typed as text: one doubt, one escalation timer, one card to the supervisor; the worker is told once', async () => {
    w = await SlackWorld.start();
    const o = await workerOrder(w);
    const first = await stepReplayed(w, () => w!.sayAndSettle(WORKER, `${o.serial} 疑義 メーター番号が違う`));
    expect(first.rows.doubts).toMatchObject([{ id: 1, state: 'open', raisedById: 'w02', sourceEventId: expect.any(Number) }]);
    expect(first.rows.timers.map((t) => [t.dedupeKey, t.state])).toEqual([['doubt:1:level:1', 'pending']]);
    expect(first.rows.audit.map((a) => a.action)).toEqual(['doubt.raise']);
    expect(first.rows.caseEvents.filter((e) => e.action === 'notified')).toHaveLength(1);
    expect(dm(w, WORKER).filter((t) => t.includes('疑義 #1 を'))).toHaveLength(1);
    expect(w.dm(SUPERVISOR).filter((m) => m.key?.startsWith('doubt:1#'))).toHaveLength(1);
  });

  it('sent by its form: the same, and the order typed in the form is kept', async () => {
    w = await SlackWorld.start();
    const o = await workerOrder(w);
    const first = await stepReplayed(w, () => w!.submit(WORKER, 'doubt.raise', '{}', { order: o.serial, text: '水栓の位置が図面と違う' }));
    expect(first.rows.doubts).toHaveLength(1);
    expect(first.rows.doubts[0]!.workOrderId).not.toBeNull();
    expect(first.rows.timers.map((t) => t.dedupeKey)).toEqual(['doubt:1:level:1']);
  });
});

describe('an incident, replayed', () => {
  it('事故 …: one incident, one acknowledgement row per person on the chart, one reminder timer, the same answer once', async () => {
    w = await SlackWorld.start();
    const first = await stepReplayed(w, () => w!.sayAndSettle(WORKER, '事故 車両が塀に接触しました'));
    expect(first.rows.incidents).toMatchObject([{ id: 1, reportedById: 'w02', sourceEventId: expect.any(Number) }]);
    expect(first.rows.incidents[0]!.acks.map((a) => a.personId).sort()).toEqual(['c01', 'w01']);
    expect(first.rows.timers.map((t) => t.dedupeKey)).toEqual(['incident:1:remind:1']);
    expect(dm(w, WORKER).filter((t) => t.startsWith('事故等 #1 を連絡系統図の 2名 に一斉に通知しました'))).toHaveLength(1);
  });
});

describe('a lost work terminal, replayed', () => {
  it('端末 紛失: one case, one reminder timer, one audit row, the bureau channel told once, the same answer once', async () => {
    w = await SlackWorld.start();
    const first = await stepReplayed(w, () => w!.sayAndSettle(WORKER, '端末 紛失'));
    expect(first.rows.incidents).toMatchObject([{ id: 1, kind: 'terminalLost', reportedById: 'w02', sourceEventId: expect.any(Number) }]);
    expect(first.rows.timers.map((t) => t.dedupeKey)).toEqual(['incident:1:remind:1']);
    expect(first.rows.audit.map((a) => a.action)).toEqual(['incident.terminalReport']);
    expect(first.slack['C0BUREAU']!.filter((t) => t.includes('【作業用端末の紛失】#1'))).toHaveLength(1); // the world's SLACK_BUREAU_CHANNEL
    expect(dm(w, WORKER).filter((t) => t.startsWith('作業用端末の紛失を #1 として'))).toHaveLength(1);
  });
});

describe('after-hours consent, replayed', () => {
  it('the request form asks the bureau once: one request, one reminder timer, one card, the same answer once', async () => {
    w = await SlackWorld.start('16:30');
    const o = await workerOrder(w);
    const first = await stepReplayed(w, () => w!.submit(SUPERVISOR, 'overtime.request', '{}', { orders: o.serial, reason: '不在の再訪問', until: '19:00' }));
    expect(first.rows.overtime).toMatchObject([{ id: 1, requestedById: 'w01', state: 'pending', sourceEventId: expect.any(Number) }]);
    expect(first.rows.timers.map((t) => t.dedupeKey)).toEqual(['overtime:1:remind:1']);
    expect(first.rows.caseEvents.filter((e) => e.action === 'notified')).toHaveLength(1);
    expect(dm(w, SUPERVISOR).filter((t) => t.startsWith('時間外作業の了承依頼 #1 を局'))).toHaveLength(1);
    expect(w.dm(BUREAU_PERSON).filter((m) => m.key?.startsWith('overtime:1#'))).toHaveLength(1);
  });
});

describe('a complaint typed in the bureau channel, replayed', () => {
  it('in business hours: one complaint, its cards once, no second notify or renotify timer', async () => {
    w = await SlackWorld.start('11:00');
    const first = await stepReplayed(w, () => sayInChannel(w!, BUREAU_PERSON, COMPLAINT), { unsent: false });
    expect(first.rows.complaints).toMatchObject([{ id: 1, via: 'chat', state: 'open', sourceEventId: expect.any(Number) }]);
    expect(first.rows.timers.map((t) => [t.dedupeKey, t.state])).toEqual([
      ['complaint:1:notify', 'done'],
      ['complaint:1:renotify:1', 'pending'],
    ]);
    expect(first.rows.audit.map((a) => a.action)).toEqual(['complaint.receive']);
    expect(first.slack[BUREAU_CHANNEL]!.filter((t) => t.includes('苦情 #1 を受け付けました'))).toHaveLength(1);
  });

  it('after hours: the roster is paged once (one page, one page message), the answer names who is called, once', async () => {
    w = await SlackWorld.start('20:00');
    const first = await stepReplayed(w, () => sayInChannel(w!, BUREAU_PERSON, COMPLAINT), { unsent: false });
    expect(first.rows.complaints).toMatchObject([{ id: 1, state: 'paging' }]);
    expect(first.rows.complaints[0]!.pages.map((p) => [p.personId, p.round, p.position])).toEqual([['w02', 1, 0]]);
    expect(first.rows.timers.filter((t) => t.state === 'pending').map((t) => t.dedupeKey)).toEqual(['complaint:1:page:1:0']);
    const answers = first.slack[BUREAU_CHANNEL]!.filter((t) => t.includes('苦情 #1 を受け付けました'));
    expect(answers).toHaveLength(1);
    expect(answers[0]).toContain('仮野 次郎');
    expect(w.dm(WORKER).filter((m) => m.key?.startsWith('complaint:1:page:1:0#'))).toHaveLength(1);
  });

  it('a crash after the complaint was recorded and before its first page: the replay pages once, as an uninterrupted run does', async () => {
    const uninterrupted = await SlackWorld.start('20:00');
    try {
      await sayInChannel(uninterrupted, BUREAU_PERSON, COMPLAINT);
      const expected = complaintMessages(uninterrupted);

      w = await SlackWorld.start('20:00');
      // What the event's own transaction commits (the complaint, its audit row, its first step as a durable timer),
      // and nothing after it: the process died before the page went out and before the event was marked done.
      const eventKey = 'EvCRASH000001';
      const { id: eventId } = await createInboxStore(w.db).store({
        platform: 'slack',
        eventKey,
        userRef: BUREAU_PERSON,
        conversationRef: BUREAU_CHANNEL,
        inChannel: true,
        receivedAt: w.assembled.ctx.clock.now(),
        payload: { type: 'text', text: COMPLAINT },
      });
      const command = parseComplaintCommand(COMPLAINT)!;
      await recordComplaint(complaintDepsOf(w.assembled.ctx), {
        ...command,
        description: command.description || '水が出ない',
        via: 'chat',
        actor: { actorId: 'c01', channel: 'slack' },
        eventId,
      });
      expect(await w.db.read.durableTimer.findMany({ where: { state: 'pending' }, select: { dedupeKey: true } })).toContainEqual({ dedupeKey: 'complaint:1:page:1:-1' });

      await w.restart();
      const rows = await records(w);
      expect(rows.complaints).toHaveLength(1);
      expect(rows.complaints[0]!.pages.map((p) => [p.personId, p.round, p.position])).toEqual([['w02', 1, 0]]);
      expect(rows.timers.map((t) => [t.dedupeKey, t.state])).toEqual([
        ['complaint:1:page:1:-1', 'done'],
        ['complaint:1:page:1:0', 'pending'],
      ]);
      expect(complaintMessages(w)).toEqual(expected);
    } finally {
      await uninterrupted.dispose();
    }
  });
});

describe('a reassignment and a roster override, replayed', () => {
  it('振替 0012 w03 moves the order once; both workers and the supervisor are told once', async () => {
    w = await SlackWorld.start();
    await w.assembled.bot.tick(w.assembled.ctx.clock.now()); // the morning post: a 振替 after it tells the workers
    await w.settle();
    const o = await workerOrder(w);
    const first = await stepReplayed(w, () => w!.sayAndSettle(SUPERVISOR, `振替 ${o.serial} w03`));
    const moved = first.rows.assignments.find((a) => a.movedByEventId !== null)!;
    expect(moved).toMatchObject({ personId: 'w03', pinned: true, movedFromId: 'w02' });
    expect(first.rows.audit.map((a) => a.action)).toEqual(['assignment.move']);
    expect(dm(w, SUPERVISOR).filter((t) => t.startsWith(o.orderNo) && t.includes('仮野 次郎 さんから 試験 花子 さんに振り替えました'))).toHaveLength(1);
    expect(dm(w, 'UW03').filter((t) => t.startsWith(`作業の振替: ${o.orderNo}`))).toHaveLength(1);
    expect(dm(w, WORKER).filter((t) => t.includes(o.orderNo) && t.includes('試験 花子'))).toHaveLength(1);
  });

  it('当番交代 adds one override; the answer shows the night as changed, once', async () => {
    w = await SlackWorld.start();
    const first = await stepReplayed(w, () => w!.sayAndSettle(SUPERVISOR, `当番交代 ${DATE} w04 w02`));
    expect(first.rows.overrides).toMatchObject([{ date: DATE, personId: 'w04', replacesPersonId: 'w02', sourceEventId: expect.any(Number) }]);
    expect(first.rows.audit.map((a) => a.action)).toEqual(['afterHoursOverride.add']);
    expect(dm(w, SUPERVISOR).filter((t) => t === `${DATE} の夜の時間外当番: 見本 三郎 → 試験 花子`)).toHaveLength(1);
  });
});

describe('修正・追記 of the daily report, replayed', () => {
  it('adds its handover note and its correction once; the supervisor gets the same answer once', async () => {
    w = await SlackWorld.start('17:50');
    await w.assembled.bot.tick(w.assembled.ctx.clock.now()); // the end-of-day compile: the draft and its cards
    await w.settle();
    expect(await w.db.read.report.findFirst({ where: { kind: 'daily', period: DATE }, select: { state: true } })).toEqual({ state: 'draft' });
    const before = heldTs(w);
    const amend = await w.submit(SUPERVISOR, 'daily.amend', JSON.stringify({ date: DATE }), { notes: '明日は雨天のため午前中心', correction: '0012 の指針は 1187 が正' });
    const answer = dm(w, SUPERVISOR).at(-1);
    expect(answer).toContain('の日報に反映しました');
    const rows = async () => ({
      notes: await w!.db.read.handoverNote.findMany({ select: { personId: true, text: true, sourceEventId: true } }),
      corrections: (JSON.parse((await w!.db.read.report.findFirstOrThrow({ where: { kind: 'daily', period: DATE } })).content) as { corrections: unknown[] }).corrections,
    });
    const first = await rows();
    expect(first.notes).toEqual([{ personId: 'w01', text: '明日は雨天のため午前中心', sourceEventId: expect.any(Number) }]);
    expect(first.corrections).toHaveLength(1);

    await w.unfinish(amend);
    await w.restart();
    expect(await rows()).toEqual(first);
    await w.unfinish(amend);
    await unsendAll(w, amend, before);
    await w.restart();
    expect(await rows()).toEqual(first);
    expect(dm(w, SUPERVISOR).filter((t) => t === answer)).toHaveLength(1);
  });
});

describe('buttons and photos on a case, replayed', () => {
  it('受領 of a doubt, 受領 of an incident, 承認 of a consent, 対応します of a complaint, photos for a doubt: once each, answered as the first time', async () => {
    w = await SlackWorld.start('16:30');
    const o = await workerOrder(w);
    await w.sayAndSettle(WORKER, `${o.serial} 疑義 メーター番号が違う`);
    await w.sayAndSettle(WORKER, '事故 車両が塀に接触しました');
    await w.submit(SUPERVISOR, 'overtime.request', '{}', { orders: o.serial, reason: '不在の再訪問', until: '19:00' });
    await sayInChannel(w, BUREAU_PERSON, COMPLAINT);

    await stepReplayed(w, () => press(w!, SUPERVISOR, 'doubt.ack', '{"doubtId":1}'));
    expect(dm(w, SUPERVISOR).at(-1)).toBe('疑義 #1 を受領しました。作業者に伝えました。');
    await stepReplayed(w, () => press(w!, SUPERVISOR, 'incident.ack', '{"incidentId":1}'));
    expect(dm(w, SUPERVISOR).at(-1)).toBe('事故等 #1 を受領しました。');
    await stepReplayed(w, () => press(w!, BUREAU_PERSON, 'overtime.approve', '{"requestId":1}'));
    expect(dm(w, BUREAU_PERSON).at(-1)).toMatch(/^了承依頼 #1 に回答しました/u);
    await stepReplayed(w, () => press(w!, SUPERVISOR, 'complaint.ack', '{"complaintId":1}'), { unsent: false });
    expect(dm(w, SUPERVISOR).at(-1)).toBe('苦情 #1 を受領しました。呼び出しを止め、業務責任者と局に連絡しました。');
    const last = await stepReplayed(w, () =>
      w!.sayAndSettle(WORKER, '疑義 #1', [{ id: 'F0DOUBT01', name: 'meter.jpg', mimetype: 'image/jpeg' }]),
    );
    expect(last.rows.doubts[0]!.attachments.map((a) => a.fileRef)).toEqual(['F0DOUBT01']);

    // Each action is in the records once, decided by its own press.
    const actions = last.rows.audit.map((a) => a.action);
    for (const action of ['doubt.acknowledge', 'incident.acknowledge', 'overtime.approve', 'complaint.acknowledge', 'doubt.addPhotos']) {
      expect(actions.filter((a) => a === action)).toHaveLength(1);
    }
    // A second press (a new event) is the second one, and says so.
    await press(w, SUPERVISOR, 'doubt.ack', '{"doubtId":1}');
    expect(dm(w, SUPERVISOR).at(-1)).toBe('疑義 #1 はすでに 架空 太郎 が受領しています。');
  });
});
