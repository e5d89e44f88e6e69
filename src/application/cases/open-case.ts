import type { Logger } from '../ports.ts';
import type { CaseStore } from './ports.ts';

/** The case an inbound chat event opened before a crash (the event is being replayed), if any. */
export async function openedBy<R>(cases: Pick<CaseStore<R, never, never>, 'bySourceEvent'>, eventId: number | undefined): Promise<R | undefined> {
  return eventId === undefined ? undefined : cases.bySourceEvent(eventId);
}

export interface OpenCase<R, T> {
  cases: Pick<CaseStore<R, never, never>, 'bySourceEvent'>;
  logger: Logger;
  /** For the log: 'doubt', 'incident'. */
  kind: string;
  /** The inbound chat event opening it. */
  eventId: number | undefined;
  /** Checks the input and creates the case with its first step (one transaction). */
  open(): Promise<R>;
  /** Sends its cards and notices and answers the person; `replay`: the same messages again (the outbox drops those delivered). */
  announce(record: R, replay: boolean): Promise<T>;
}

/**
 * Opens a case once per inbound event: the replay of the event that opened it (a crash before it was marked done)
 * opens nothing and starts no timer; it announces the case it finds again, so a crash between the commit and the
 * sends loses no message.
 */
export async function openCaseOnce<R extends { id: number }, T>(c: OpenCase<R, T>): Promise<T> {
  const before = await openedBy(c.cases, c.eventId);
  if (before) {
    c.logger.info(`replayed event: ${c.kind} opened before, told again`, { caseId: before.id, eventId: c.eventId });
    return c.announce(before, true);
  }
  return c.announce(await c.open(), false);
}
