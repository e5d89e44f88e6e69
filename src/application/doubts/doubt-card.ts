import { tokyoHhmm } from '../../domain/calendar/local-time.ts';
import type { ChatPrivacyPolicy } from '../../domain/privacy/chat-policy.ts';
import type { KnownCustomer } from '../../domain/privacy/personal-text.ts';
import { directAudience, showTextFor, type ShowText } from '../privacy/show-text.ts';
import { t, templateText } from '../../templates.ts';
import type { Block, Button, MessageView } from '../chat/view.ts';
import { caseValue, orderText, placeFor, type NameOf } from '../cases/case-text.ts';
import { doubtCardKey, type DoubtRecord } from './doubt-record.ts';
import type { CaseOrder } from '../cases/ports.ts';

export const DOUBT_ACTIONS = {
  raise: 'doubt.raise',
  ack: 'doubt.ack',
  answer: 'doubt.answer',
  bureau: 'doubt.bureau',
  resolve: 'doubt.resolve',
} as const;

export interface DoubtCardContext {
  nameOf: NameOf;
  order: CaseOrder | undefined;
  privacy?: ChatPrivacyPolicy;
  /** The order's customer, found in the texts and masked (never shown). */
  customers?: KnownCustomer[];
}

function buttonsFor(doubt: DoubtRecord, viewerId: string): Button[] {
  if (doubt.state === 'resolved') return [];
  const value = caseValue('doubtId', doubt.id);
  const button = (key: keyof typeof DOUBT_ACTIONS, label: string, style?: Button['style']): Button => ({
    actionId: DOUBT_ACTIONS[key],
    label: templateText(`escalation.doubt.${label}`),
    value,
    ...(style ? { style } : {}),
  });
  const bureauToAck = doubt.state === 'with_bureau' && viewerId === doubt.bureauContactId && !doubt.bureauAcknowledgedAt;
  const out: Button[] = [];
  if (doubt.state === 'open' || bureauToAck) out.push(button('ack', 'ack', 'primary'));
  out.push(button('answer', 'answerButton'));
  if ((doubt.state === 'open' || doubt.state === 'acknowledged') && doubt.chain.bureauContactId) out.push(button('bureau', 'bureau'));
  out.push(button('resolve', 'resolve'));
  return out;
}

/** The texts as this viewer may see them: the raiser and the order's assignee as the assignee, others as others. */
function showFor(doubt: DoubtRecord, viewerId: string, ctx: DoubtCardContext, writerId: string | null | undefined): ShowText {
  return showTextFor(ctx.customers ?? [], directAudience(viewerId, [writerId, ctx.order?.assigneeId]), ctx.privacy);
}

function statusLines(doubt: DoubtRecord, viewerId: string, ctx: DoubtCardContext): string[] {
  const lines = [t('escalation.doubt.text', { text: showFor(doubt, viewerId, ctx, doubt.raisedById)(doubt.text) })];
  if (doubt.bureauContactId && doubt.state === 'with_bureau') lines.push(t('escalation.doubt.bureauNote', { name: ctx.nameOf(doubt.bureauContactId) }));
  if (doubt.bureauAcknowledgedAt) {
    lines.push(t('escalation.doubt.bureauAcknowledged', { name: ctx.nameOf(doubt.bureauContactId), time: tokyoHhmm(doubt.bureauAcknowledgedAt) }));
  }
  if (doubt.answer) {
    const answer = showFor(doubt, viewerId, ctx, doubt.answeredById)(doubt.answer);
    lines.push(t('escalation.doubt.answer', { name: ctx.nameOf(doubt.answeredById), answer }));
  }
  if (doubt.resolvedAt) lines.push(t('escalation.doubt.resolvedBy', { name: ctx.nameOf(doubt.resolvedById), time: tokyoHhmm(doubt.resolvedAt) }));
  return lines;
}

function nextLevelNote(doubt: DoubtRecord): Block[] {
  const step = doubt.chain.steps[doubt.currentLevel];
  if (doubt.state !== 'open' || !doubt.levelNotifiedAt || !step || doubt.currentLevel + 1 >= doubt.chain.steps.length) return [];
  const due = new Date(doubt.levelNotifiedAt.getTime() + step.ackTimeoutMinutes * 60_000);
  return [{ type: 'context', text: t('escalation.doubt.nextLevel', { time: tokyoHhmm(due) }) }];
}

/**
 * The doubt's card as one viewer sees it (view key doubt:<id>, so every change updates each viewer's message in
 * place). The raiser sees the state without actions; everyone else who got it sees the actions its state allows.
 */
export function doubtCard(doubt: DoubtRecord, viewerId: string, ctx: DoubtCardContext): MessageView {
  const state = t(`escalation.state.${doubt.state}`);
  const header = t('escalation.doubt.header', { id: doubt.id, state });
  const fields = [
    { label: t('escalation.field.order'), value: orderText(ctx.order, doubt.orderNo) },
    ...(ctx.order ? [{ label: t('escalation.field.place'), value: placeFor(ctx.order, viewerId, ctx.privacy) }] : []),
    { label: t('escalation.field.worker'), value: ctx.nameOf(doubt.raisedById) },
    { label: t('escalation.field.raisedAt'), value: tokyoHhmm(doubt.raisedAt) },
    { label: t('escalation.field.holder'), value: ctx.nameOf(doubt.holderId) },
    ...(doubt.attachmentCount > 0 ? [{ label: t('escalation.field.photos'), value: t('escalation.photoCount', { count: doubt.attachmentCount }) }] : []),
  ];
  const blocks: Block[] = [
    { type: 'header', text: header },
    { type: 'fields', fields },
    { type: 'text', text: statusLines(doubt, viewerId, ctx).join('\n') },
    ...nextLevelNote(doubt),
  ];
  const buttons = viewerId === doubt.raisedById ? [] : buttonsFor(doubt, viewerId);
  if (buttons.length > 0) blocks.push({ type: 'actions', buttons });
  return { key: doubtCardKey(doubt.id), summary: `${header} ${showFor(doubt, viewerId, ctx, doubt.raisedById)(doubt.text)}`, blocks };
}
