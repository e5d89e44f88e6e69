import type { DoubtChange, DoubtRecord } from './doubt.ts';

/**
 * What people do with a doubt, as pure transitions: open → acknowledged (受領) → with_bureau (局へ相談) → answered
 * (指示して回答) → resolved (解決). Each returns the change to write, or why it is refused; the caller writes the change
 * with its effects (events, audit, timers) in one transaction and words a refusal for the user.
 */
export type DoubtRefusal =
  | { reason: 'resolved' }
  | { reason: 'alreadyAcknowledged'; by: string | null }
  | { reason: 'alreadyWithBureau' }
  | { reason: 'alreadyAnswered' }
  | { reason: 'noBureauContact' };

export type DoubtTransition<R> = { ok: true; change: DoubtChange; result: R } | { ok: false; refusal: DoubtRefusal };

const refuse = (refusal: DoubtRefusal): DoubtTransition<never> => ({ ok: false, refusal });
const RESOLVED = refuse({ reason: 'resolved' });

/**
 * 受領 by `personId`: the supervisor takes an open doubt (its escalation stops), or the bureau contact confirms one
 * referred to them. Anyone else on a doubt already taken is told who has it.
 */
export function acknowledge(doubt: DoubtRecord, personId: string, now: Date): DoubtTransition<'supervisor' | 'bureau'> {
  if (doubt.state === 'resolved') return RESOLVED;
  if (doubt.state === 'with_bureau' && personId === doubt.bureauContactId && !doubt.bureauAcknowledgedAt) {
    return { ok: true, change: { bureauAcknowledgedAt: now }, result: 'bureau' };
  }
  if (doubt.state !== 'open') return refuse({ reason: 'alreadyAcknowledged', by: doubt.state === 'with_bureau' ? doubt.bureauContactId : doubt.holderId });
  return { ok: true, change: { state: 'acknowledged', acknowledgedAt: now, holderId: personId }, result: 'supervisor' };
}

/** 局へ相談: to the bureau contact of the doubt's chart; the one who refers it holds it if nobody did. */
export function referToBureau(doubt: DoubtRecord, personId: string, now: Date): DoubtTransition<string> {
  if (doubt.state === 'resolved') return RESOLVED;
  if (doubt.state === 'with_bureau') return refuse({ reason: 'alreadyWithBureau' });
  if (doubt.state === 'answered') return refuse({ reason: 'alreadyAnswered' });
  const contact = doubt.chain.bureauContactId;
  if (!contact) return refuse({ reason: 'noBureauContact' });
  return {
    ok: true,
    change: { state: 'with_bureau', bureauContactId: contact, acknowledgedAt: doubt.acknowledgedAt ?? now, holderId: doubt.holderId ?? personId },
    result: contact,
  };
}

/** 指示して回答: the instruction for the worker; by the bureau contact when they answer a doubt referred to them. */
export function answer(doubt: DoubtRecord, personId: string, text: string, eventId: number | null, now: Date): DoubtTransition<{ byBureau: boolean }> {
  if (doubt.state === 'resolved') return RESOLVED;
  return {
    ok: true,
    change: { state: 'answered', answer: text, answeredById: personId, answerEventId: eventId, acknowledgedAt: doubt.acknowledgedAt ?? now, holderId: doubt.holderId ?? personId },
    result: { byBureau: personId === doubt.bureauContactId },
  };
}

/** 解決: closes the doubt whatever state it is in; a resolved doubt stays as it was. */
export function resolve(doubt: DoubtRecord, personId: string, now: Date): DoubtTransition<void> {
  if (doubt.state === 'resolved') return RESOLVED;
  return { ok: true, change: { state: 'resolved', resolvedAt: now, resolvedById: personId, holderId: doubt.holderId ?? personId }, result: undefined };
}
