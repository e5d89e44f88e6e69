import type { PersonActor } from '../../domain/access/actor.ts';
import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { chainPolicy, snapshotChain } from '../../domain/escalation/chain.ts';
import { decideNext, type WaitDecision } from '../../domain/escalation/decide-next.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { t } from '../../templates.ts';
import { bureauContacts } from '../cases/bureau-contacts.ts';
import { nameLookup } from '../cases/case-text.ts';
import { refreshDoubtCards, sendDoubtNotice, type DoubtDeps } from './doubt-delivery.ts';
import { notifyDoubtLevel } from './notify-doubt-level.ts';
import { DOUBT_ESCALATE, doubtLevelKey, type DoubtChain, type DoubtPatch, type DoubtRecord } from './doubt-record.ts';
import { sourceOf, type CaseChange, type NewAttachment } from '../cases/ports.ts';
import { timerSpec } from '../timers/timer-kinds.ts';
import { openCaseOnce } from '../cases/open-case.ts';

export interface RaiseDoubtInput {
  actor: PersonActor;
  /** The order it is about (resolved already), or null for a question about no single order. */
  orderNo: string | null;
  text: string;
  attachments?: NewAttachment[];
  /** The inbound chat event raising it: its replay (a crash before it was marked done) raises nothing again. */
  eventId?: number;
}

/** The doubt chart resolved for today and copied: editing the chart later does not change this doubt. */
export async function snapshotDoubtChain(deps: DoubtDeps, raisedBy: string, now: Date): Promise<DoubtChain> {
  const [people, chart, supervisors] = await Promise.all([
    deps.directory.people(),
    deps.directory.chart('doubt'),
    deps.directory.supervisorsOn(tokyoDate(now)),
  ]);
  const snapshot = snapshotChain(chart, supervisors, (id) => people.get(id)?.active === true, raisedBy);
  const inChain = snapshot.steps.flatMap((s) => s.recipients).find((id) => people.get(id)?.affiliation === 'bureau');
  const bureauContactId = inChain ?? (await bureauContacts(deps.directory, people))[0] ?? null;
  return { ...snapshot, bureauContactId };
}

function startChange(doubt: DoubtRecord, decision: WaitDecision, actor: PersonActor, now: Date, eventId?: number): CaseChange<DoubtPatch, void> {
  const source = sourceOf(eventId);
  const raised = { action: 'raised', actorId: actor.actorId, detail: { orderNo: doubt.orderNo, photos: doubt.attachmentCount } };
  const audit = { action: 'doubt.raise', actorId: actor.actorId, channel: actor.channel, after: { id: doubt.id, orderNo: doubt.orderNo, chain: doubt.chain } };
  if (decision.type !== 'notify') {
    return { effects: { events: [raised, { action: 'noChain', actorId: null, detail: { skipped: doubt.chain.skipped } }], audit, ...source }, result: undefined };
  }
  return {
    patch: { currentLevel: 0, levelNotifiedAt: now, holderId: decision.recipients[0] ?? null },
    effects: {
      events: [raised, { action: 'levelStarted', actorId: null, detail: { level: 0, recipients: decision.recipients } }],
      audit,
      schedule: decision.dueNextAt
        ? [timerSpec(DOUBT_ESCALATE, decision.dueNextAt, { doubtId: doubt.id, level: 1 }, doubtLevelKey(doubt.id, 1))]
        : [],
      ...source,
    },
    result: undefined,
  };
}


/**
 * 疑義 (spec 11(3), 13(3)): the chain is snapshotted, level 0 (the day's supervisors) gets the card at once, the worker
 * is told who has it, and a durable timer moves the doubt to the next level when nobody acknowledges in time. The
 * replay of the event that raised it raises nothing and starts no timer: the same messages go out again (the outbox
 * drops those delivered already), so a crash between the commit and the sends loses none.
 */
export async function raiseDoubt(deps: DoubtDeps, input: RaiseDoubtInput): Promise<DoubtRecord> {
  const open = () => createDoubt(deps, input);
  return openCaseOnce({ cases: deps.doubts, logger: deps.logger, kind: 'doubt', eventId: input.eventId, open, announce: (doubt, replay) => announceDoubt(deps, doubt, replay) });
}

async function createDoubt(deps: DoubtDeps, input: RaiseDoubtInput): Promise<DoubtRecord> {
  const text = input.text.trim();
  if (!text) throw new AppError(ErrorCode.InvalidInput, t('escalation.doubt.textRequired'));
  const now = deps.clock.now();
  const chain = await snapshotDoubtChain(deps, input.actor.actorId, now);
  const decision = decideNext({ round: 0, step: -1, notifiedAt: null, acknowledged: false, closed: false }, chainPolicy(chain), now);
  const doubt = await deps.doubts.create(
    { orderNo: input.orderNo, raisedById: input.actor.actorId, text, chain, raisedAt: now, attachments: input.attachments ?? [], sourceEventId: input.eventId ?? null },
    (created) => startChange(created, decision, input.actor, now, input.eventId),
  );
  deps.logger.info('doubt raised', { doubtId: doubt.id, level0: decision.type === 'notify' ? decision.recipients.length : 0 });
  return doubt;
}

/**
 * Level 0 gets the card and the worker hears who has it (from the snapshotted chain, so a replay says the same); a
 * chain that reaches nobody is logged and told to the worker.
 */
async function announceDoubt(deps: DoubtDeps, doubt: DoubtRecord, replay: boolean): Promise<DoubtRecord> {
  const { chain } = doubt;
  const first = chain.steps[0];
  if (!first) {
    await refreshDoubtCards(deps, doubt);
    if (!replay) deps.logger.error('doubt raised but the contact chart reaches nobody', { doubtId: doubt.id });
    await sendDoubtNotice(deps, doubt, [doubt.raisedById], 'raised', t('escalation.doubt.raisedNoChain', { id: doubt.id }));
    return doubt;
  }
  await notifyDoubtLevel(deps, doubt, 0, { replay });
  const nameOf = nameLookup(await deps.directory.people());
  const params = { id: doubt.id, name: first.recipients.map(nameOf).join('、'), minutes: first.ackTimeoutMinutes };
  const text0 = t(chain.steps.length > 1 ? 'escalation.doubt.raised' : 'escalation.doubt.raisedLast', params);
  await sendDoubtNotice(deps, doubt, [doubt.raisedById], 'raised', text0);
  return doubt;
}
