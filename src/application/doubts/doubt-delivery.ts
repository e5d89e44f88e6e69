import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { plainView } from '../chat/dispatcher.ts';
import { deliverCase, uniq } from '../cases/case-delivery.ts';
import { customersOf, nameLookup, type NameOf } from '../cases/case-text.ts';
import { doubtCard, type DoubtCardContext } from './doubt-card.ts';
import type { DoubtRecord, DoubtStore } from './doubt-record.ts';
import type { CaseDeps } from '../cases/ports.ts';

export interface DoubtDeps extends CaseDeps {
  doubts: DoubtStore;
  /** Reminder interval for an acknowledged doubt nobody answered or resolved (default 30 minutes). */
  doubtRemindMinutes?: number;
}

export async function doubtCardContext(deps: DoubtDeps, doubt: DoubtRecord): Promise<DoubtCardContext & { nameOf: NameOf }> {
  const [people, order, customers] = await Promise.all([
    deps.directory.people(),
    doubt.orderNo ? deps.orders.byNo(doubt.orderNo) : undefined,
    customersOf(deps.orders, [doubt.orderNo], tokyoDate(doubt.raisedAt)),
  ]);
  return { nameOf: nameLookup(people), order, privacy: deps.privacy, customers };
}

/** Everyone whose chat shows the doubt: those notified (chain levels, bureau contact) and the worker who raised it. */
export const doubtViewers = (doubt: DoubtRecord): string[] => uniq([...doubt.notified, doubt.bureauContactId, doubt.raisedById]);

/** Re-renders the card for each viewer (or `only` these): the same key updates every earlier message in place. */
export async function refreshDoubtCards(deps: DoubtDeps, doubt: DoubtRecord, only?: string[]): Promise<string[]> {
  const ctx = await doubtCardContext(deps, doubt);
  const to = only ?? doubtViewers(doubt);
  return deliverCase(deps, 'doubt', doubt.id, to.map((personId) => ({ personId, view: doubtCard(doubt, personId, ctx) })));
}

/** A notice (a new message, so phones ring) with a key of its own: sending it again after a crash updates it. */
export async function sendDoubtNotice(deps: DoubtDeps, doubt: DoubtRecord, personIds: string[], key: string, text: string): Promise<void> {
  await deliverCase(deps, 'doubt', doubt.id, uniq(personIds).map((personId) => ({ personId, view: plainView(text, `doubt:${doubt.id}:${key}`) })));
}

/** What a card shows, to tell whether a card rendered earlier is stale. */
export function doubtSignature(doubt: DoubtRecord): string {
  const { notified: _notified, ...shown } = doubt;
  return JSON.stringify(shown);
}
