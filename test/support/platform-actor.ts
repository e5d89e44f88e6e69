import type { Activity } from 'botbuilder';
import type { types } from '@slack/bolt';
import { formValues, type FormInput } from '../../src/adapters/console/form-values.ts';
import { renderMessage } from '../../src/adapters/slack/render-blocks.ts';
import { renderModal, type SubmittedState } from '../../src/adapters/slack/render-modal.ts';
import { translateBlockAction, translateEvent, translateViewSubmission } from '../../src/adapters/slack/translate-inbound.ts';
import { renderFormCard, renderMessageCards } from '../../src/adapters/teams/render-card.ts';
import { translateInbound } from '../../src/adapters/teams/translate-inbound.ts';
import type { ChatInbound, InboundEnvelope, PlatformAdapter, PlatformTarget } from '../../src/application/chat/ports.ts';
import type { Button, FormView, MessageView, Platform } from '../../src/application/chat/view.ts';
import { startBot, type Bot } from '../../src/assembly/assemble-bot.ts';
import { botTestContext, type BotTestContext } from './bot-context.ts';
import { blockActionsPayload, messageImEvent, viewSubmissionPayload } from './slack-requests.ts';
import { CHANNEL_ID, channelActivity, personalActivity } from './teams-fixtures.ts';
import { tokyoInstant } from '../../src/domain/calendar/local-time.ts';

/**
 * The running bot (examples on a temp SQLite) on ONE platform, and a person acting on it exactly as that platform
 * sends it: console envelopes, Slack payloads through translate-inbound, Teams Action.Submit activities. Buttons are
 * pressed on the card the person received, rendered by the platform's renderer; forms are the ones opened for them.
 */
export interface Actor {
  platform: Platform;
  t: BotTestContext;
  bot: Bot;
  text(personId: string, text: string): Promise<void>;
  /** Presses `actionId` on the latest message to the person that has it (or with `value` when given). */
  press(personId: string, actionId: string, value?: string): Promise<void>;
  /** Submits the form open for the person with what they enter (select/checkbox values, text). */
  submit(personId: string, entered: FormInput): Promise<void>;
  /** A message in the bureau channel (Slack C0BUREAU, a Teams channel thread, the console's 'bureau'). */
  channelText(personId: string, text: string): Promise<void>;
  /** Moves the virtual clock to HH:MM of the day and runs the jobs and pollers due. */
  tick(time: string): Promise<void>;
  views(personId: string): MessageView[];
  dispose(): Promise<void>;
}

interface Recorded {
  to: string;
  view?: MessageView;
  form?: FormView;
}

const addressOf = (target: PlatformTarget) => (target.kind === 'user' ? target.userRef : target.channelRef);

function recordingFactory(platform: 'slack' | 'teams', log: Recorded[], bind: (inbound: ChatInbound) => void) {
  return async (): Promise<PlatformAdapter> => {
    let n = 0;
    return {
      platform,
      receiveInto: bind,
      opensFormsOnReceipt: platform === 'slack', // Slack opens a modal while the press is acknowledged
      post: async (target, view, existingRef) => (log.push({ to: addressOf(target), view }), existingRef ?? `${platform}:${++n}`),
      openForm: async (target, form) => void log.push({ to: addressOf(target), form }),
      start: async () => {},
      stop: async () => {},
    };
  };
}

function slackState(form: FormView, values: Record<string, string | string[] | undefined>): SubmittedState {
  const state: SubmittedState = {};
  for (const block of renderModal(form).blocks as types.InputBlock[]) {
    const id = block.block_id!;
    const v = values[id];
    const type = block.element.type;
    if (type === 'checkboxes') state[id] = { [id]: { type, selected_options: ((v as string[]) ?? []).map((value) => ({ value })) } };
    else if (type === 'static_select') state[id] = { [id]: { type, selected_option: v ? { value: v as string } : null } };
    else state[id] = { [id]: { type, value: (v as string) ?? null } };
  }
  return state;
}

function slackButton(view: MessageView, index: number): types.Button {
  const elements = renderMessage(view).flatMap((p) => p.blocks).filter((b) => b.type === 'actions');
  return (elements as types.ActionsBlock[]).flatMap((b) => b.elements)[index] as types.Button;
}

function teamsSubmits(view: MessageView): { data: Record<string, unknown> }[] {
  const found: { data: Record<string, unknown> }[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (!x || typeof x !== 'object') return;
    if ((x as { type?: string }).type === 'Action.Submit') found.push(x as { data: Record<string, unknown> });
    Object.values(x).forEach(walk);
  };
  walk(renderMessageCards(view));
  return found;
}

const buttonsOf = (view: MessageView): Button[] => view.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));

export async function actorOn(platform: Platform, time = '10:00'): Promise<Actor> {
  const t = await botTestContext('2026-03-27', time);
  const log: Recorded[] = [];
  let inbound: ChatInbound | undefined;
  const factory = (p: 'slack' | 'teams') => recordingFactory(p, log, (i) => (inbound = i));
  const platforms = platform === 'console' ? { forceConsole: true } : { configured: [platform] };
  const bot = await startBot(t.ctx, { date: '2026-03-27', out: () => {}, wallClock: false, platforms, platformFactories: { slack: factory('slack'), teams: factory('teams') } });
  const people = await t.ctx.db.read.person.findMany({ select: { id: true } });
  // The examples give identities and the bureau channel on Slack only: on Teams, the same people and a bureau channel.
  if (platform === 'teams') {
    await t.ctx.db.write(async (tx) => {
      await tx.chatIdentity.createMany({ data: people.map((p) => ({ platform: 'teams', externalId: `aad-${p.id}`, personId: p.id })) });
      await tx.chatConversation.create({ data: { platform: 'teams', key: 'channel:bureau', address: JSON.stringify({ conversation: { id: CHANNEL_ID } }) } });
    });
  }
  const identities = await t.ctx.db.read.chatIdentity.findMany({ where: { platform } });
  const refOf = (personId: string) => identities.find((i) => i.personId === personId)?.externalId ?? `${personId}-unknown`;
  const slackForms = new Map<string, FormView>();
  let seq = 0;
  const slackCtx = { now: () => t.clock.now(), bureauChannelId: 'C0BUREAU' };
  const teams = (personId: string, extra: object) =>
    translateInbound(personalActivity({ from: { id: `29:${personId}`, name: personId, aadObjectId: refOf(personId) }, ...extra }) as Activity, t.clock.now());

  async function receive(envelope: InboundEnvelope | undefined, personId?: string): Promise<void> {
    if (!envelope) throw new Error(`${platform}: the platform event did not translate`);
    const receipt = bot.console ? await bot.inbox.receive(envelope) : await inbound!.receive(envelope);
    if (receipt.form && personId) slackForms.set(personId, receipt.form);
    if (receipt.formErrors) throw new Error(`form refused: ${JSON.stringify(receipt.formErrors)}`);
    await bot.inbox.drain();
  }

  function views(personId: string): MessageView[] {
    if (bot.console) return bot.console.adapter.messagesTo({ kind: 'user', userRef: refOf(personId) }).map((m) => m.view);
    return log.filter((r) => r.to === refOf(personId) && r.view).map((r) => r.view!);
  }

  function openForm(personId: string): FormView {
    const form = bot.console
      ? bot.console.adapter.openFormOf({ kind: 'user', userRef: refOf(personId) })
      : platform === 'slack' ? slackForms.get(personId) : log.filter((r) => r.to === refOf(personId) && r.form).at(-1)?.form;
    if (!form) throw new Error(`${platform}: no form open for ${personId}`);
    return form;
  }

  function cardWith(personId: string, actionId: string, value?: string): { view: MessageView; index: number } {
    for (const view of views(personId).reverse()) {
      const index = buttonsOf(view).findIndex((b) => b.actionId === actionId && (value === undefined || b.value === value));
      if (index >= 0) return { view, index };
    }
    if (value === undefined) throw new Error(`${platform}: ${personId} has no message with ${actionId}`);
    return { view: { summary: '', blocks: [{ type: 'actions', buttons: [{ actionId, label: actionId, value }] }] }, index: 0 };
  }

  return {
    platform, t, bot, views,
    async text(personId, text) {
      const base = { platform, eventKey: `text-${++seq}`, userRef: refOf(personId), conversationRef: refOf(personId), receivedAt: t.clock.now() };
      if (platform === 'console') return receive({ ...base, platform: 'console', payload: { type: 'text', text } });
      if (platform === 'slack') return receive(translateEvent(messageImEvent({ eventId: `Ev${++seq}`, user: refOf(personId), text }), slackCtx));
      return receive(teams(personId, { text }));
    },
    async channelText(personId, text) {
      const base = { eventKey: `chan-${++seq}`, userRef: refOf(personId), conversationRef: 'bureau', inChannel: true, receivedAt: t.clock.now() };
      if (platform === 'console') return receive({ ...base, platform: 'console', payload: { type: 'text', text } });
      if (platform === 'slack') {
        const event = messageImEvent({ eventId: `Ev${++seq}`, user: refOf(personId), text, channel: 'C0BUREAU' });
        return receive(translateEvent({ ...event, event: { ...event.event, channel_type: 'channel' } }, slackCtx));
      }
      return receive(translateInbound(channelActivity({ from: { id: `29:${personId}`, name: personId, aadObjectId: refOf(personId) }, text }) as Activity, t.clock.now()));
    },
    async tick(time) {
      t.clock.set(tokyoInstant('2026-03-27', time));
      await bot.tick(t.clock.now());
      await bot.inbox.drain();
    },
    async press(personId, actionId, value) {
      const { view, index } = cardWith(personId, actionId, value);
      const b = buttonsOf(view)[index]!;
      if (platform === 'console') {
        return receive({ platform, eventKey: `press-${++seq}`, userRef: refOf(personId), conversationRef: refOf(personId), receivedAt: t.clock.now(), payload: { type: 'button', actionId: b.actionId, value: b.value } });
      }
      if (platform === 'slack') {
        const el = slackButton(view, index);
        return receive(translateBlockAction(blockActionsPayload({ user: refOf(personId), actionId: el.action_id!, value: el.value!, actionTs: `1774573200.${String(++seq).padStart(6, '0')}` }), slackCtx), personId);
      }
      const data = teamsSubmits(view).filter((a) => a.data.actionId !== undefined)[index]!.data;
      return receive(teams(personId, { value: data }));
    },
    async submit(personId, entered) {
      const form = openForm(personId);
      const values = formValues(form, entered);
      if (platform === 'console') {
        return receive({ platform, eventKey: `form-${++seq}`, userRef: refOf(personId), receivedAt: t.clock.now(), payload: { type: 'form', formId: form.formId, state: form.state, values } });
      }
      if (platform === 'slack') {
        const body = viewSubmissionPayload({ user: refOf(personId), callbackId: form.formId, metadata: form.state, values: slackState(form, values), viewId: `V${++seq}` });
        return receive(translateViewSubmission(body, slackCtx), personId);
      }
      const inputs = Object.fromEntries(form.fields.map((f) => [f.id, Array.isArray(values[f.id]) ? (values[f.id] as string[]).join(',') : (values[f.id] ?? '')]));
      return receive(teams(personId, { value: { ...(renderFormCard(form).actions![0] as { data: object }).data, ...inputs } }));
    },
    async dispose() {
      await bot.stop();
      await t.dispose();
    },
  };
}
