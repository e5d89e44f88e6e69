import type { Logger } from '../ports.ts';
import type { ChatInbound, InboundEnvelope, InboundReceipt, InboxStore } from './ports.ts';
import type { FormView } from './view.ts';

export interface InboxDeps {
  store: InboxStore;
  logger: Logger;
  /** Does the work of one event (the dispatcher). */
  process(envelope: InboundEnvelope): Promise<void>;
  /** Tells the sender that their event could not be handled (it stays stored as failed). */
  onFailure?(envelope: InboundEnvelope): Promise<void>;
  /** A form to open at once for a button press (Slack's trigger_id lives 3 s); read-only. */
  formFor?(envelope: InboundEnvelope): Promise<FormView | undefined>;
  /**
   * Field errors of a form submission, for platforms that show them on the open form (Slack); read-only. A
   * submission with errors is not stored: nothing happens until the person corrects and submits again.
   */
  formErrorsFor?(envelope: InboundEnvelope): Promise<Record<string, string> | undefined>;
}

export interface Inbox extends ChatInbound {
  /** Resolves when every event received so far has been processed (tests, shutdown). */
  drain(): Promise<void>;
  /** Processes events that were stored but not finished before a restart. Returns how many. */
  recover(): Promise<number>;
}

/**
 * Persist first, then work: an event is stored (deduplicated across instances by the database) before the
 * platform is acknowledged, and processed one at a time afterwards, so a crash after the ack loses nothing.
 */
export function createInbox(deps: InboxDeps): Inbox {
  let chain: Promise<void> = Promise.resolve();

  const work = async (id: number, envelope: InboundEnvelope): Promise<void> => {
    try {
      await deps.process(envelope);
      await deps.store.markDone(id);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      deps.logger.error('inbound event failed', { id, platform: envelope.platform, error: message });
      await deps.store.markFailed(id, message).catch(() => undefined);
      await deps.onFailure?.(envelope).catch(() => undefined);
    }
  };

  // A failed check is no reason to lose the submission: it is stored and its handler checks again.
  const checkFailed = (e: unknown, envelope: InboundEnvelope): undefined => {
    deps.logger.warn('form check on receipt failed', { platform: envelope.platform, error: e instanceof Error ? e.message : String(e) });
    return undefined;
  };

  const enqueue = (id: number, envelope: InboundEnvelope) => {
    chain = chain.then(() => work(id, envelope));
  };

  return {
    async receive(envelope: InboundEnvelope): Promise<InboundReceipt> {
      const formErrors = deps.formErrorsFor ? await deps.formErrorsFor(envelope).catch((e: unknown) => checkFailed(e, envelope)) : undefined;
      if (formErrors) return { duplicate: false, formErrors };
      const { id, duplicate } = await deps.store.store(envelope);
      if (duplicate) {
        deps.logger.info('duplicate inbound event ignored', { platform: envelope.platform, eventKey: envelope.eventKey });
        return { duplicate: true };
      }
      const form = deps.formFor ? await deps.formFor(envelope).catch(() => undefined) : undefined;
      enqueue(id, envelope);
      return form ? { duplicate: false, form } : { duplicate: false };
    },
    drain: async () => {
      let seen: Promise<void>;
      do {
        seen = chain;
        await seen;
      } while (seen !== chain);
    },
    async recover(): Promise<number> {
      const pending = await deps.store.unfinished();
      for (const p of pending) enqueue(p.id, p.envelope);
      return pending.length;
    },
  };
}
