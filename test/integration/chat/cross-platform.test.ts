import type { Activity } from 'botbuilder';
import type { types } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { renderMessage } from '../../../src/adapters/slack/render-blocks.ts';
import { translateBlockAction, translateEvent } from '../../../src/adapters/slack/translate-inbound.ts';
import { renderFormCard, renderMessageCards } from '../../../src/adapters/teams/render-card.ts';
import { translateInbound } from '../../../src/adapters/teams/translate-inbound.ts';
import type { ChatInbound, InboundEnvelope, PlatformAdapter, PlatformTarget } from '../../../src/application/chat/ports.ts';
import type { FormView, MessageView, Platform } from '../../../src/application/chat/view.ts';
import { startBot, type Bot } from '../../../src/assembly/assemble-bot.ts';
import { botTestContext, type BotTestContext } from '../../support/bot-context.ts';
import { buttonsOf, textOf } from '../../support/escalation-world.ts';
import { blockActionsPayload, messageImEvent } from '../../support/slack-requests.ts';
import { personalActivity } from '../../support/teams-fixtures.ts';

/** What a fake platform was asked to do: a post (existingRef set = an update in place) or a form. */
interface Sent {
  platform: Platform;
  to: string;
  view?: MessageView;
  form?: FormView;
  existingRef?: string;
  ref?: string;
}

const sent: Sent[] = [];
const inbound: Partial<Record<Platform, ChatInbound>> = {};
let t: BotTestContext | undefined;
let bot: Bot | undefined;
afterEach(async () => {
  await bot?.stop();
  await t?.dispose();
  sent.splice(0);
});

const addressOf = (target: PlatformTarget) => (target.kind === 'user' ? target.userRef : target.channelRef);

/** A platform adapter that records every post and form and answers with its own message refs (no network). */
const recording = (platform: 'slack' | 'teams') => async (): Promise<PlatformAdapter> => {
  let n = 0;
  return {
    platform,
    receiveInto: (core) => void (inbound[platform] = core),
    opensFormsOnReceipt: platform === 'slack', // Slack opens a modal while the press is acknowledged
    post: async (target, view, existingRef) => {
      const ref = existingRef ?? `${platform}:${++n}`;
      sent.push({ platform, to: addressOf(target), view, existingRef, ref });
      return ref;
    },
    openForm: async (target, form) => void sent.push({ platform, to: addressOf(target), form }),
    start: async () => {},
    stop: async () => {},
  };
};

async function receive(platform: 'slack' | 'teams', envelope: InboundEnvelope | undefined): Promise<void> {
  expect(envelope).toBeDefined();
  await inbound[platform]!.receive(envelope!);
  await bot!.inbox.drain();
}

let ts = 0;
const slackCtx = () => ({ now: () => t!.clock.now(), bureauChannelId: 'C0BUREAU' });
const slackText = (user: string, text: string) => translateEvent(messageImEvent({ eventId: `Ev${++ts}`, user, text }), slackCtx());

/** Presses the button labelled `label` on the card as Slack rendered it. */
function slackPress(user: string, view: MessageView, label: string): InboundEnvelope | undefined {
  const index = buttonsOf(view).findIndex((b) => b.label === label);
  expect(index, label).toBeGreaterThanOrEqual(0);
  const elements = renderMessage(view).flatMap((p) => p.blocks).filter((b) => b.type === 'actions').flatMap((b) => (b as types.ActionsBlock).elements) as types.Button[];
  const button = elements[index]!;
  return translateBlockAction(blockActionsPayload({ user, actionId: button.action_id!, value: button.value!, actionTs: `1774573200.00${++ts}` }), slackCtx());
}

const c01 = { id: '29:c01', name: '想定 一郎', aadObjectId: 'aad-c01' };
const teamsActivity = (value: object) => translateInbound(personalActivity({ from: c01, value }) as Activity, t!.clock.now());

/** Presses the button labelled `label` on the Teams card (its Action.Submit data comes back as the activity value). */
function teamsPress(view: MessageView, label: string): InboundEnvelope | undefined {
  const all: { title?: string; data?: object }[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as { type?: string; title?: string; data?: object };
      if (o.type === 'Action.Submit') all.push(o);
      Object.values(o).forEach(walk);
    }
  };
  walk(renderMessageCards(view));
  const action = all.find((a) => a.title === label);
  expect(action, label).toBeDefined();
  return teamsActivity(action!.data!);
}

const cardsOf = (platform: Platform, to: string) => sent.filter((s) => s.platform === platform && s.to === to && s.view?.key === 'doubt:1');
const lastCard = (platform: Platform, to: string) => cardsOf(platform, to).at(-1)!.view!;
const textsTo = (to: string) => sent.filter((s) => s.to === to && s.view).map((s) => ({ platform: s.platform, text: textOf(s.view!) }));

async function startCrossPlatformBot(): Promise<string> {
  t = await botTestContext('2026-03-27', '10:00');
  bot = await startBot(t.ctx, {
    date: '2026-03-27', out: () => {}, wallClock: false,
    platforms: { configured: ['slack', 'teams'] },
    platformFactories: { slack: recording('slack'), teams: recording('teams') },
  });
  // w02 and w01 are on Slack only (the examples); the bureau contact c01 is on Teams only.
  await t.ctx.db.write(async (tx) => {
    await tx.chatIdentity.deleteMany({ where: { personId: { in: ['w01', 'w02', 'c01'] }, platform: { not: 'slack' } } });
    await tx.chatIdentity.deleteMany({ where: { personId: 'c01' } });
    await tx.chatIdentity.create({ data: { platform: 'teams', externalId: 'aad-c01', personId: 'c01' } });
  });
  const row = await t.ctx.db.read.assignment.findFirstOrThrow({ where: { date: '2026-03-27', personId: 'w02' }, include: { workOrder: true }, orderBy: { visitOrder: 'asc' } });
  return row.workOrder.orderNo;
}

describe('one conversation crosses platforms', () => {
  it('a doubt raised on Slack is answered by the bureau on Teams and the answer reaches the worker on Slack', async () => {
    const orderNo = await startCrossPlatformBot();
    await receive('slack', slackText('UW02', `疑義 ${orderNo.slice(-4)} メーター番号が違います`));
    expect(await t!.ctx.db.read.doubt.count()).toBe(1);
    expect(cardsOf('slack', 'UW01')).toHaveLength(1);

    await receive('slack', slackPress('UW01', lastCard('slack', 'UW01'), '受領'));
    await receive('slack', slackPress('UW01', lastCard('slack', 'UW01'), '局へ相談'));
    expect(cardsOf('teams', 'aad-c01')).toHaveLength(1);
    expect(sent.filter((s) => s.to === 'aad-c01').every((s) => s.platform === 'teams')).toBe(true);

    await receive('teams', teamsPress(lastCard('teams', 'aad-c01'), '受領'));
    await receive('teams', teamsPress(lastCard('teams', 'aad-c01'), '指示して回答'));
    const opened = sent.filter((s) => s.form && s.to === 'aad-c01');
    expect(opened.map((s) => [s.platform, s.form!.formId])).toEqual([['teams', 'doubt.answer']]);
    const form = opened[0]!.form!;
    const card = renderFormCard(form) as unknown as { actions: { data: Record<string, unknown> }[] };
    const inputs = Object.fromEntries(form.fields.map((f) => [f.id, '']));
    await receive('teams', teamsActivity({ ...card.actions[0]!.data, ...inputs, instruction: '検満の交換です。そのまま作業してください' }));

    const doubt = await t!.ctx.db.read.doubt.findUniqueOrThrow({ where: { id: 1 } });
    expect(doubt).toMatchObject({ state: 'answered', answeredById: 'c01', bureauContactId: 'c01' });
    const toWorker = textsTo('UW02').filter((m) => m.text.includes('検満の交換です'));
    expect(toWorker.length).toBeGreaterThan(0);
    expect(toWorker.every((m) => m.platform === 'slack')).toBe(true);
    expect(textsTo('UW01').filter((m) => m.text.includes('検満の交換です')).map((m) => m.platform)).toContain('slack');
    expect(sent.filter((s) => s.to === 'UW02' || s.to === 'UW01').every((s) => s.platform === 'slack')).toBe(true);

    // Every card that shows the doubt was posted once and then updated in place on its own platform.
    const holders = [...new Set(sent.filter((s) => s.view?.key === 'doubt:1').map((s) => `${s.platform}|${s.to}`))];
    expect(holders).toEqual(expect.arrayContaining(['slack|UW01', 'teams|aad-c01']));
    for (const holder of holders) {
      const [platform, to] = holder.split('|') as [Platform, string];
      const [first, ...updates] = cardsOf(platform, to);
      expect(first!.existingRef, holder).toBeUndefined();
      expect(updates.length, holder).toBeGreaterThan(0);
      for (const u of updates) expect(u.existingRef, holder).toBe(first!.ref);
    }
    expect(textOf(lastCard('teams', 'aad-c01'))).toContain('検満の交換です');
    expect(textOf(lastCard('slack', 'UW01'))).toContain('検満の交換です');
  });
});
