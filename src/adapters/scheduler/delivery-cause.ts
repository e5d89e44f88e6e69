import { AsyncLocalStorage } from 'node:async_hooks';
import type { DeliveryCause, DeliveryCauses } from '../../application/chat/delivery-ports.ts';

const scope = new AsyncLocalStorage<DeliveryCause>();

/**
 * Runs `work` as the cause of every chat message it sends (an inbound event, a daily job, a durable timer): the
 * gateway keys each delivery by the cause and a sequence number, so running the same cause again sends nothing
 * twice. An inner scope replaces an outer one.
 */
export function withDeliveryCause<T>(cause: Omit<DeliveryCause, 'next'>, work: () => Promise<T>): Promise<T> {
  let seq = 0;
  return scope.run({ ...cause, next: () => ++seq }, work);
}

/** The port the chat gateway reads the current cause through. */
export const deliveryCauses: DeliveryCauses = { current: () => scope.getStore() };
