import { SocketModeReceiver, type App, type ReceiverEvent, type SocketModeReceiverOptions } from '@slack/bolt';

/**
 * Bolt acknowledges an Events API envelope before its listeners run. Over HTTP, processBeforeResponse holds the
 * answer back until they finished (the event is stored first); this does the same for Socket Mode: the ack of an
 * event_callback is sent once the listeners resolved, and not at all when they failed (Slack redelivers it).
 * Interactions (block_actions, view_submission) keep Bolt's behaviour: their listeners call ack() themselves.
 */
export async function processStoringFirst(app: Pick<App, 'processEvent'>, event: ReceiverEvent): Promise<void> {
  if (event.body['type'] !== 'event_callback') return app.processEvent(event);
  let acked = false;
  let response: unknown;
  await app.processEvent({
    ...event,
    ack: async (body?: unknown) => {
      acked = true;
      response = body;
    },
  });
  if (acked) await event.ack(response);
}

export class StoreFirstSocketModeReceiver extends SocketModeReceiver {
  constructor(options: SocketModeReceiverOptions) {
    super(options);
  }

  override init(app: App): void {
    const gate: Pick<App, 'processEvent'> = { processEvent: (event) => processStoringFirst(app, event) };
    super.init(gate as App);
  }
}
