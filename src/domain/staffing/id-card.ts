import type { IdCard } from './staff-person.ts';

/**
 * 身分証明書 (spec 9): carried at work, returned to the bureau when it expires or when the worker
 * stops working. `mustReturn` covers both cases while the card is not marked returned.
 */
export type IdCardState = 'none' | 'ok' | 'expiringSoon' | 'expired' | 'mustReturn' | 'returned';

export interface IdCardStatus {
  state: IdCardState;
  daysLeft: number | null; // days until expiry (0 = expires today), negative once expired
}

export const ID_CARD_WARNING_DAYS = 30;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export function idCardStatus(card: IdCard | null, active: boolean, today: string, warningDays = ID_CARD_WARNING_DAYS): IdCardStatus {
  if (!card) return { state: 'none', daysLeft: null };
  const daysLeft = daysBetween(today, card.expiresOn);
  if (card.returnedOn) return { state: 'returned', daysLeft };
  if (daysLeft < 0) return { state: 'expired', daysLeft };
  if (!active) return { state: 'mustReturn', daysLeft };
  if (daysLeft <= warningDays) return { state: 'expiringSoon', daysLeft };
  return { state: 'ok', daysLeft };
}

/** States that need someone's attention in `staff list`. */
export function needsAttention(status: IdCardStatus): boolean {
  return status.state === 'expiringSoon' || status.state === 'expired' || status.state === 'mustReturn';
}

/**
 * Who may be sent out (spec 9(3): the card is carried while working): a recorded card that is expired, due back or
 * returned keeps its holder from the day's orders. No card on record ('none') does not: the bot learns cards from the
 * staff file, and a team whose cards are kept on paper only is still dispatched.
 */
export function blocksDispatch(state: IdCardState): boolean {
  return state === 'expired' || state === 'mustReturn' || state === 'returned';
}
