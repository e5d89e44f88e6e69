import type { Activity } from 'botbuilder';
import type { types } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formValues } from '../../../src/adapters/console/form-values.ts';
import { renderMessage } from '../../../src/adapters/slack/render-blocks.ts';
import { renderModal, type SubmittedState } from '../../../src/adapters/slack/render-modal.ts';
import { translateBlockAction, translateViewSubmission } from '../../../src/adapters/slack/translate-inbound.ts';
import { renderFormCard, renderMessageCards } from '../../../src/adapters/teams/render-card.ts';
import { translateInbound } from '../../../src/adapters/teams/translate-inbound.ts';
import type { InboundEnvelope, InboundPayload } from '../../../src/application/chat/ports.ts';
import type { Button, FormView } from '../../../src/application/chat/view.ts';
import { startBot, type Bot } from '../../../src/assembly/assemble-bot.ts';
import { botTestContext, type BotTestContext } from '../../support/bot-context.ts';
import { blockActionsPayload, viewSubmissionPayload } from '../../support/slack-requests.ts';
import { personalActivity } from '../../support/teams-fixtures.ts';
import { sameEffect } from '../../support/same-effect-rows.ts';
import type { Actor } from '../../support/platform-actor.ts';
import { pickOrder } from '../../support/results-world.ts';

/**
 * "The same user action has the same effect on every platform": every button, form opener and form the running
 * bot registers is pressed / submitted as the console, Slack (block_actions, view_submission) and Teams
 * (Action.Submit) send it, and the three envelopes must carry the same payload. The ids come from the bot's own
 * routes, so a newly registered action is covered (or fails) without touching this file.
 */
let t: BotTestContext;
let bot: Bot;
beforeAll(async () => {
  t = await botTestContext('2026-03-27', '10:00');
  bot = await startBot(t.ctx, { date: '2026-03-27', out: () => {}, wallClock: false, platforms: { forceConsole: true } });
});
afterAll(async () => {
  await bot?.stop();
  await t?.dispose();
});

const ctx = { now: () => t.clock.now() };
const from = { id: '29:user-w', name: 'テスト 作業者', aadObjectId: 'aad-w02' };
const asTeams = (value: object): InboundEnvelope => translateInbound(personalActivity({ from, value }) as Activity, t.clock.now())!;

/** A press as the console sends it (the REPL builds the payload from the view's button directly). */
const consolePress = (b: Button): InboundPayload => ({ type: 'button', actionId: b.actionId, value: b.value });

/** The button rendered into a Slack message (a second one of the same id gets the #1 suffix) and pressed. */
function slackPress(b: Button, nth: number): InboundPayload {
  const buttons = Array.from({ length: nth + 1 }, () => b);
  const [part] = renderMessage({ summary: 's', blocks: [{ type: 'actions', buttons }] });
  const actions = part!.blocks.find((x) => x.type === 'actions') as types.ActionsBlock;
  const element = actions.elements[nth] as types.Button;
  return translateBlockAction(blockActionsPayload({ user: 'UW02', actionId: element.action_id!, value: element.value!, actionTs: '1774573200.000100' }), ctx)!.payload;
}

/** The button rendered into a Teams card and its Action.Submit data sent back. */
function teamsPress(b: Button): InboundPayload {
  const [card] = renderMessageCards({ summary: 's', blocks: [{ type: 'actions', buttons: [b] }] });
  const action = (card!.body as { type: string; actions?: { data: object }[] }[]).find((e) => e.type === 'ActionSet')?.actions?.[0]
    ?? (card!.actions as { data: object }[])[0]!;
  return asTeams(action.data).payload;
}

/** A form with a field of every kind, under a registered form id; what the person enters on each platform. */
function formOf(formId: string): FormView {
  return {
    formId,
    title: 'フォーム',
    submitLabel: '送信',
    state: JSON.stringify({ orderNo: '20260327-0001', doubtId: 1, n: 'é"\\' }),
    fields: [
      { id: 'note', label: 'メモ', type: 'textarea', required: false },
      { id: 'blank', label: '空欄', type: 'text', required: false },
      { id: 'count', label: '数', type: 'number', required: true },
      { id: 'choice', label: '選択', type: 'select', required: true, options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] },
      { id: 'checks', label: '確認', type: 'checkboxes', options: [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }, { value: 'z', label: 'Z' }] },
      { id: 'none', label: '無選択', type: 'checkboxes', options: [{ value: 'x', label: 'X' }] },
    ],
  };
}
const ENTERED = { note: '止水栓が\n2つ', count: '12', choice: 'b', checks: ['x', 'z'] };

/** As the console REPL submits a form (src/adapters/console/form-values.ts). */
const consoleSubmit = (form: FormView): InboundPayload => ({ type: 'form', formId: form.formId, state: form.state, values: formValues(form, ENTERED) });

function slackSubmit(form: FormView): InboundPayload {
  const state: SubmittedState = {};
  for (const block of renderModal(form).blocks as types.InputBlock[]) {
    const id = block.block_id!;
    const v = (ENTERED as Record<string, string | string[]>)[id];
    const type = block.element.type;
    if (type === 'checkboxes') state[id] = { [id]: { type, selected_options: ((v as string[]) ?? []).map((value) => ({ value })) } };
    else if (type === 'static_select') state[id] = { [id]: { type, selected_option: v ? { value: v as string } : null } };
    else state[id] = { [id]: { type, value: (v as string) ?? null } };
  }
  const modal = renderModal(form);
  return translateViewSubmission(viewSubmissionPayload({ user: 'UW02', callbackId: modal.callback_id!, metadata: modal.private_metadata!, values: state }), ctx)!.payload;
}

function teamsSubmit(form: FormView): InboundPayload {
  const card = renderFormCard(form) as unknown as { actions: { data: Record<string, unknown> }[] };
  // Teams sends every input: empty ones as "", numbers as numbers, a multi-select as "x,z".
  const inputs = Object.fromEntries(form.fields.map((f) => [f.id, '']));
  return asTeams({ ...card.actions[0]!.data, ...inputs, note: ENTERED.note, count: 12, choice: 'b', checks: 'x,z' }).payload;
}

/** The console leaves an untouched checkbox group out, Slack and Teams send []: the same for a handler (`?? []`). */
const read = (p: InboundPayload) => (p.type === 'form' ? { ...p, values: { none: [], ...p.values } } : p);

describe('every registered action gives the same envelope on the console, Slack and Teams', () => {
  it('the bot registers the actions of every feature', () => {
    const ids = [...Object.keys(bot.routes.buttons), ...Object.keys(bot.routes.formOpeners)];
    for (const prefix of ['result.', 'doubt.', 'incident.', 'complaint.', 'dayEnd.', 'overtime.']) {
      expect(ids.some((id) => id.startsWith(prefix)), prefix).toBe(true);
    }
    expect(Object.keys(bot.routes.forms).length).toBeGreaterThan(0);
  });

  it('each button and form opener: same actionId and value', () => {
    const ids = [...new Set([...Object.keys(bot.routes.buttons), ...Object.keys(bot.routes.formOpeners)])].sort();
    for (const actionId of ids) {
      const b: Button = { actionId, label: '押す', value: JSON.stringify({ orderNo: '20260327-0001', doubtId: 7, note: '日本語 & <x>' }) };
      const expected = consolePress(b);
      expect(slackPress(b, 0), actionId).toEqual(expected);
      expect(slackPress(b, 1), `${actionId}#1`).toEqual(expected);
      expect(teamsPress(b), actionId).toEqual(expected);
    }
  });

  it('each form: same formId, state and values', () => {
    for (const formId of Object.keys(bot.routes.forms).sort()) {
      const form = formOf(formId);
      const expected = read(consoleSubmit(form));
      expect(read(slackSubmit(form)), formId).toEqual(expected);
      expect(read(teamsSubmit(form)), formId).toEqual(expected);
    }
  });
});

// ---- the same action's effect: three identical databases, one per platform, the same steps ----

/** An ordered meter replacement (as in test/integration/results/same-effect.test.ts). */
const RESULT = { outcome: 'done', reading: '5', reading2: '5', meter: 'replaced', meterNumber: 'M77000001', meterDiameter: '13', outdoorTap: 'flows', checks: ['leak'] };

const firstOrderOf = async (a: Actor, personId: string) =>
  (await a.t.ctx.db.read.assignment.findFirstOrThrow({ where: { date: '2026-03-27', personId }, include: { workOrder: true }, orderBy: { visitOrder: 'asc' } })).workOrder;

describe('the same action has the same effect on every platform (rows of three identical databases)', () => {
  it('疑義: raised, 受領, 局へ相談, the bureau 受領 and 指示して回答', async () => {
    const rows = await sameEffect([
      async (a) => a.text('w02', `疑義 ${(await firstOrderOf(a, 'w02')).orderNo.slice(-4)} メーター番号が違います`),
      (a) => a.press('w01', 'doubt.ack'),
      (a) => a.press('w01', 'doubt.bureau'),
      (a) => a.press('c01', 'doubt.ack'),
      (a) => a.press('c01', 'doubt.answer'),
      (a) => a.submit('c01', { instruction: '検満の交換です。そのまま作業してください' }),
    ]);
    expect(rows.doubt).toEqual([expect.objectContaining({ state: 'answered', raisedById: 'w02', answeredById: 'c01' })]);
    expect(rows.caseEvent.map((e) => (e as { action: string }).action)).toEqual(expect.arrayContaining(['raised', 'acknowledged', 'referredToBureau', 'bureauAcknowledged', 'answered']));
  });

  it('事故等: reported, then 受領 by the supervisor and the bureau', async () => {
    const rows = await sameEffect([
      (a) => a.text('w02', '事故 作業車がブロック塀に接触しました'),
      (a) => a.press('w01', 'incident.ack'),
      (a) => a.press('c01', 'incident.ack'),
    ]);
    expect(rows.incident).toHaveLength(1);
    expect(rows.incidentAck.filter((r) => (r as { acknowledgedAt?: unknown }).acknowledgedAt !== null)).not.toHaveLength(0);
    expect(rows.auditLog.map((r) => (r as { action: string }).action)).toEqual(expect.arrayContaining(['incident.report']));
  });

  it('結果入力: the form opened from the button and submitted', async () => {
    const rows = await sameEffect([
      async (a) => {
        const order = await pickOrder(a.t, 'open', { meterWork: 'replace' });
        await a.press(order.personId, 'result.form', JSON.stringify({ orderNo: order.orderNo }));
        await a.submit(order.personId, RESULT);
      },
    ]);
    expect(rows.taskResult).toEqual([expect.objectContaining({ outcome: 'done', reading: 5, meterNumber: 'M77000001', leakSuspected: true })]);
    expect(rows.meterMovement).toEqual([expect.objectContaining({ kind: 'replace', meterNumber: 'M77000001' })]);
  });

  it('振替: the supervisor reassigns an order', async () => {
    let orderNo = '';
    const rows = await sameEffect([
      async (a) => void (orderNo = (await firstOrderOf(a, 'w02')).orderNo),
      (a) => a.press('w01', 'dispatch.reassign', JSON.stringify({ date: '2026-03-27' })),
      (a) => a.submit('w01', { order: orderNo, to: 'w03' }),
    ]);
    expect(rows.assignment).toEqual(expect.arrayContaining([expect.objectContaining({ workOrderId: expect.anything(), personId: 'w03', pinned: true })]));
  });

  it('時間外: requested by the supervisor and approved by the bureau', async () => {
    const rows = await sameEffect([
      async (a) => a.press('w01', 'overtime.request', '{}'),
      async (a) => a.submit('w01', { orders: (await firstOrderOf(a, 'w02')).orderNo.slice(-4), reason: '不在の再訪問', until: '18:30' }),
      (a) => a.press('c01', 'overtime.approve'),
    ], '17:00');
    expect(rows.overtimeRequest).toEqual([expect.objectContaining({ state: 'approved', decidedById: 'c01' })]);
  });

  it('苦情: taken in the bureau channel and 受領', async () => {
    const rows = await sameEffect([
      async (a) => a.channelText('c01', '苦情 お客さま番号 1234567890 金沢市広坂1丁目1-1 水が出ない'),
      (a) => a.press('w01', 'complaint.ack'),
    ]);
    expect(rows.complaint).toEqual([expect.objectContaining({ state: 'acknowledged' })]);
  });

  it('完了報告 and 日報 承認: the day-end prompt confirmed, the daily report approved', async () => {
    const rows = await sameEffect([
      (a) => a.tick('17:15'),
      (a) => a.press('w02', 'dayEnd.confirm'),
      (a) => a.tick('17:45'),
      (a) => a.press('w01', 'daily.approve'),
    ]);
    expect(rows.dayEndConfirmation).toEqual([expect.objectContaining({ personId: 'w02' })]);
    expect(rows.report).toEqual([expect.objectContaining({ kind: 'daily', state: 'sent', approvedById: 'w01' })]);
  }, 90_000); // three databases each play a day's end: several seconds alone, more on a loaded machine
});
