import type { IdCardState } from './id-card.ts';

/**
 * 身分証明書発行依頼 (spec 9(1)): the contractor asks the bureau for cards of the workers it has trained. A worker
 * without a card (or whose card was returned) gets a new one; a card expired or expiring within the warning days is renewed.
 */
export type CardRequestReason = 'new' | 'renewal';

/** Why a card is asked for, or null when the worker's card is good for more than the warning days. */
export function cardRequestReason(state: IdCardState): CardRequestReason | null {
  if (state === 'none' || state === 'returned') return 'new';
  if (state === 'expiringSoon' || state === 'expired') return 'renewal';
  return null;
}

/** The reason when the worker is named explicitly: a valid card is renewed ahead. */
export function explicitRequestReason(state: IdCardState): CardRequestReason {
  return cardRequestReason(state) ?? 'renewal';
}

/** Trained: at least one training passed (a played scenario or one recorded by hand). */
export function isTrained(trainings: readonly { passed: boolean }[]): boolean {
  return trainings.some((t) => t.passed);
}
