import type { App } from '@slack/bolt';
import type { Logger } from '../../application/ports.ts';
import type { ChatInbound, InboundReceipt } from '../../application/chat/ports.ts';
import type { FormView } from '../../application/chat/view.ts';
import { formErrorsAck, updateModalAck, type ViewSubmissionAck } from './render-modal.ts';
import { translateBlockAction, translateEvent, translateViewSubmission, type TranslateContext } from './translate-inbound.ts';

export interface ListenerDeps {
  inbound: ChatInbound;
  logger: Logger;
  context(): Promise<TranslateContext>;
  /** Opens a form for the user who pressed a button; must not delay the acknowledgement. */
  openFormSoon(userRef: string, triggerId: string, form: FormView): void;
}

/**
 * The answer to a view_submission. Today: the core's next form replaces the modal, else the modal closes.
 * HOOK: when the core reports field errors synchronously (InboundReceipt.formErrors), return
 * `formErrorsAck(receipt.formErrors)` from render-modal.ts here; Slack then shows them under the fields.
 */
export function viewSubmissionAck(receipt: InboundReceipt | undefined): ViewSubmissionAck | undefined {
  if (receipt?.formErrors && !receipt.duplicate) return formErrorsAck(receipt.formErrors);
  if (receipt?.form && !receipt.duplicate) return updateModalAck(receipt.form);
  return undefined;
}

/**
 * Every listener stores the event through `inbound.receive()` before Slack gets its answer: events are acked by
 * Bolt but, with processBeforeResponse, the 200 leaves after the listener; interactions ack after receive().
 * A failure to store propagates, so Slack sees an error (and retries events).
 */
export function registerListeners(app: App, deps: ListenerDeps): void {
  const onEvent = async ({ body }: { body: unknown }) => {
    const envelope = translateEvent(body, await deps.context());
    if (envelope) await deps.inbound.receive(envelope);
  };
  app.event('message', onEvent);
  app.event('app_mention', onEvent);

  app.action(/.*/, async ({ body, ack }) => {
    const envelope = translateBlockAction(body, await deps.context());
    const receipt = envelope ? await deps.inbound.receive(envelope) : undefined;
    await ack();
    const triggerId = (body as { trigger_id?: string }).trigger_id;
    if (envelope && receipt?.form && !receipt.duplicate && triggerId) deps.openFormSoon(envelope.userRef, triggerId, receipt.form);
  });

  app.view(/.*/, async ({ body, ack }) => {
    const envelope = translateViewSubmission(body, await deps.context());
    const receipt = envelope ? await deps.inbound.receive(envelope) : undefined;
    await ack(viewSubmissionAck(receipt));
  });

  app.error(async (error) => {
    deps.logger.error('slack listener failed', { error: error.message });
    throw error;
  });
}
