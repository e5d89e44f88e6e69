import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackAdapter } from '../../../src/adapters/slack/slack-adapter.ts';
import { createLogger } from '../../../src/adapters/log/logger.ts';
import type { ChatInbound, InboundEnvelope, InboundReceipt } from '../../../src/application/chat/ports.ts';
import { blockActionsPayload, messageImEvent } from '../../support/slack-requests.ts';
import { SocketModeStandIn } from '../../support/socket-mode-stand-in.ts';

/** Socket Mode against a loopback stand-in: events are acknowledged only once stored. */
class GatedInbound implements ChatInbound {
  envelopes: InboundEnvelope[] = [];
  gate: Promise<void> = Promise.resolve();
  fail?: Error;
  private waiters: (() => void)[] = [];

  async receive(envelope: InboundEnvelope): Promise<InboundReceipt> {
    this.envelopes.push(envelope);
    for (const w of this.waiters.splice(0)) w();
    await this.gate;
    if (this.fail) throw this.fail;
    return { duplicate: false };
  }

  async received(count: number): Promise<void> {
    while (this.envelopes.length < count) await new Promise<void>((r) => this.waiters.push(r));
  }
}

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

let standIn: SocketModeStandIn;
let inbound: GatedInbound;
let adapter: SlackAdapter;

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());

beforeEach(async () => {
  standIn = new SocketModeStandIn();
  await standIn.listen();
  inbound = new GatedInbound();
  adapter = new SlackAdapter(
    { mode: 'socket', botToken: 'xoxb-test', appToken: 'xapp-1-test', apiUrl: standIn.apiUrl },
    { logger: createLogger('silent'), sleep: async () => undefined },
  );
  adapter.receiveInto(inbound);
  await adapter.start();
  await standIn.whenConnected();
});

afterEach(async () => {
  await adapter.stop();
  await standIn.close();
});

const envelope = (id: string, type: 'events_api' | 'interactive', payload: object) => ({
  envelope_id: id,
  type,
  payload,
  accepts_response_payload: type === 'interactive',
  retry_attempt: 0,
  retry_reason: '',
});

describe('Slack Socket Mode', () => {
  it('reports itself connected once the WebSocket is up (GET /readyz)', () => {
    expect(adapter.health()).toEqual({ ok: true, detail: 'socket mode: connected' });
  });

  it('acks an events_api envelope only after receive() stored it', async () => {
    let open!: () => void;
    inbound.gate = new Promise<void>((r) => (open = r));
    standIn.send(envelope('env-1', 'events_api', messageImEvent({ eventId: 'Ev0SOCK01', user: 'U0WORKER1', text: '0012 開栓完了 指針1187' })));
    await inbound.received(1);
    await turns(50);
    expect(standIn.acks).toEqual([]);
    open();
    await standIn.nextAck(1);
    expect(standIn.acks[0]?.envelope_id).toBe('env-1');
    expect(inbound.envelopes[0]).toMatchObject({ eventKey: 'Ev0SOCK01', userRef: 'U0WORKER1', payload: { text: '0012 開栓完了 指針1187' } });
  });

  it('does not ack an event it could not store (Slack redelivers it)', async () => {
    inbound.fail = new Error('database is locked');
    standIn.send(envelope('env-2', 'events_api', messageImEvent({ eventId: 'Ev0SOCK02', user: 'U0WORKER1', text: 'x' })));
    await inbound.received(1);
    await turns(50);
    inbound.fail = undefined;
    standIn.send(envelope('env-3', 'events_api', messageImEvent({ eventId: 'Ev0SOCK03', user: 'U0WORKER1', text: 'y' })));
    await standIn.nextAck(1);
    expect(standIn.acks.map((a) => a.envelope_id)).toEqual(['env-3']);
  });

  it('passes a button press and acks it', async () => {
    const payload = blockActionsPayload({ user: 'U0WORKER1', actionId: 'doubt.ack', value: '{"doubtId":3}', actionTs: '1764028801.000900' });
    standIn.send(envelope('env-4', 'interactive', payload));
    await standIn.nextAck(1);
    expect(standIn.acks[0]?.envelope_id).toBe('env-4');
    expect(inbound.envelopes[0]?.payload).toEqual({ type: 'button', actionId: 'doubt.ack', value: '{"doubtId":3}' });
  });
});
