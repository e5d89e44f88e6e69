import type { Activity } from 'botbuilder';
import { afterEach, describe, expect, it } from 'vitest';
import { formValues } from '../../../src/adapters/console/form-values.ts';
import type { types } from '@slack/bolt';
import { renderModal, type SubmittedState } from '../../../src/adapters/slack/render-modal.ts';
import { translateBlockAction, translateViewSubmission } from '../../../src/adapters/slack/translate-inbound.ts';
import { renderFormCard } from '../../../src/adapters/teams/render-card.ts';
import { translateInbound } from '../../../src/adapters/teams/translate-inbound.ts';
import type { ChatInbound, PlatformAdapter } from '../../../src/application/chat/ports.ts';
import type { FormView, Platform } from '../../../src/application/chat/view.ts';
import { startBot, type Bot } from '../../../src/assembly/assemble-bot.ts';
import { botTestContext, type BotTestContext } from '../../support/bot-context.ts';
import { pickOrder, resultOf, type OrderPick } from '../../support/results-world.ts';
import { blockActionsPayload, viewSubmissionPayload } from '../../support/slack-requests.ts';
import { personalActivity } from '../../support/teams-fixtures.ts';

/** What the worker enters on every platform: an ordered meter replacement (the new meter reads 5). */
const ENTERED = { outcome: 'done', reading: '5', reading2: '5', meter: 'replaced', meterNumber: 'M77000001', meterDiameter: '13', outdoorTap: 'flows', checks: ['leak'] };

const opened: FormView[] = [];
let inbound: ChatInbound | undefined;
const contexts: BotTestContext[] = [];
const bots: Bot[] = [];
afterEach(async () => {
  for (const b of bots.splice(0)) await b.stop();
  for (const c of contexts.splice(0)) await c.dispose();
});

/** A platform that records the forms it was asked to open and accepts every post (no network). */
const recording = (platform: Platform) => async (): Promise<PlatformAdapter> => {
  let n = 0;
  return {
    platform,
    receiveInto: (core) => void (inbound = core),
    opensFormsOnReceipt: platform === 'slack', // Slack opens a modal while the press is acknowledged
    post: async (_t, _v, ref) => ref ?? `${platform}:${++n}`, openForm: async (_t, form) => void opened.push(form), start: async () => {}, stop: async () => {} };
};

async function botOn(platform: Platform): Promise<{ t: BotTestContext; bot: Bot; order: OrderPick }> {
  const t = await botTestContext('2026-03-27', '10:00');
  contexts.push(t);
  const platforms = platform === 'console' ? { forceConsole: true } : { configured: [platform] };
  const bot = await startBot(t.ctx, { date: '2026-03-27', out: () => {}, wallClock: false, platforms, platformFactories: { slack: recording('slack'), teams: recording('teams') } });
  bots.push(bot);
  const order = await pickOrder(t, 'open', { meterWork: 'replace' });
  await t.ctx.db.write((tx) => tx.chatIdentity.create({ data: { platform: 'teams', externalId: `aad-${order.personId}`, personId: order.personId } }));
  return { t, bot, order };
}

async function viaConsole(): Promise<BotTestContext> {
  const { t, bot, order } = await botOn('console');
  const base = { platform: 'console' as const, userRef: order.personId, conversationRef: order.personId, receivedAt: t.clock.now() };
  await bot.inbox.receive({ ...base, eventKey: 'c1', payload: { type: 'button', actionId: 'result.form', value: JSON.stringify({ orderNo: order.orderNo }) } });
  await bot.inbox.drain();
  const form = bot.console!.adapter.openFormOf({ kind: 'user', userRef: order.personId })!;
  await bot.inbox.receive({ ...base, eventKey: 'c2', payload: { type: 'form', formId: form.formId, state: form.state, values: formValues(form, ENTERED) } });
  await bot.inbox.drain();
  return t;
}

type InputBlock = types.InputBlock;

/** view.state.values as Slack sends them for the modal the form was rendered to. */
function slackState(form: FormView, entered: Record<string, string | string[]>): SubmittedState {
  const state: SubmittedState = {};
  for (const block of renderModal(form).blocks as InputBlock[]) {
    const id = block.block_id!;
    const v = entered[id];
    const type = block.element.type;
    if (type === 'checkboxes') state[id] = { [id]: { type, selected_options: ((v as string[]) ?? []).map((value) => ({ value })) } };
    else if (type === 'static_select') state[id] = { [id]: { type, selected_option: v ? { value: v as string } : null } };
    else state[id] = { [id]: { type, value: (v as string) ?? null } };
  }
  return state;
}

async function viaSlack(): Promise<BotTestContext> {
  const { t, bot, order } = await botOn('slack');
  const ctx = { now: () => t.clock.now() };
  const user = `U${order.personId.toUpperCase()}`;
  const press = translateBlockAction(blockActionsPayload({ user, actionId: 'result.form#0', value: JSON.stringify({ orderNo: order.orderNo }), actionTs: '1774573200.000100' }), ctx)!;
  const receipt = await inbound!.receive(press);
  const form = receipt.form!;
  const submission = (entered: Record<string, string | string[]>) =>
    translateViewSubmission(viewSubmissionPayload({ user, callbackId: form.formId, metadata: form.state, values: slackState(form, entered) }), ctx)!;
  const wrong = await inbound!.receive(submission({ ...ENTERED, reading2: '6' }));
  expect(wrong.formErrors?.reading2).toContain('一致しません');
  expect(await t.ctx.db.read.inboundEvent.count({ where: { eventKey: { startsWith: 'view:' } } })).toBe(0);
  await inbound!.receive(submission(ENTERED));
  await bot.inbox.drain();
  return t;
}

async function viaTeams(): Promise<BotTestContext> {
  const { t, bot, order } = await botOn('teams');
  const from = { id: '29:user-w', name: 'テスト 作業者', aadObjectId: `aad-${order.personId}` };
  const activity = (value: object) => translateInbound(personalActivity({ from, value }) as Activity, t.clock.now())!;
  await inbound!.receive(activity({ actionId: 'result.form', value: JSON.stringify({ orderNo: order.orderNo }), kaiheisen: true }));
  await bot.inbox.drain();
  const form = opened.at(-1)!;
  const card = renderFormCard(form) as unknown as { actions: { data: Record<string, unknown> }[] };
  const inputs = Object.fromEntries(form.fields.map((f) => [f.id, '']));
  const entered = { ...inputs, ...ENTERED, reading: 5, reading2: 5, checks: ENTERED.checks.join(',') };
  await inbound!.receive(activity({ ...card.actions[0]!.data, ...entered }));
  await bot.inbox.drain();
  return t;
}

async function recorded(t: BotTestContext) {
  const order = await pickOrder(t, 'open', { meterWork: 'replace' });
  const row = await resultOf(t, order.orderNo);
  expect(row).not.toBeNull();
  const { id: _id, recordedAt: _r, updatedAt: _u, channel, meterMovements, consumables, attachments: _a, ...fields } = row!;
  return { channel, fields, meters: meterMovements.map(({ id: _i, resultId: _x, ...m }) => m), consumables: consumables.length };
}

describe('the same action has the same effect on every platform', () => {
  it('結果入力 pressed and the form submitted on the console, Slack and Teams record identical results (except the channel)', async () => {
    const console_ = await recorded(await viaConsole());
    const slack = await recorded(await viaSlack());
    const teams = await recorded(await viaTeams());
    expect([console_.channel, slack.channel, teams.channel]).toEqual(['console', 'slack', 'teams']);
    expect(console_.fields).toMatchObject({ outcome: 'done', reading: 5, meterWorkDone: 'replace', meterNumber: 'M77000001', meterDiameterMm: 13, leakSuspected: true, readingLowerThanPrevious: true });
    expect(slack.fields).toEqual(console_.fields);
    expect(teams.fields).toEqual(console_.fields);
    expect(console_.meters).toEqual([{ date: '2026-03-27', kind: 'replace', meterNumber: 'M77000001', diameterMm: 13 }]);
    expect(slack.meters).toEqual(console_.meters);
    expect(teams.meters).toEqual(console_.meters);
  });
});

