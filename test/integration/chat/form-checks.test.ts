import { afterEach, describe, expect, it } from 'vitest';
import { createInboxStore } from '../../../src/adapters/db/inbox-store.ts';
import { createLogger } from '../../../src/adapters/log/logger.ts';
import type { ChatGateway } from '../../../src/application/chat/delivery.ts';
import { createDispatcher } from '../../../src/application/chat/dispatcher.ts';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { createInbox } from '../../../src/application/chat/inbox.ts';
import type { ChatDirectory, InboundEnvelope } from '../../../src/application/chat/ports.ts';
import { combineRoutes } from '../../../src/application/chat/routes/compose.ts';
import type { MessageView } from '../../../src/application/chat/view.ts';
import { tempDatabase, type TempDatabase } from '../../support/temp-db.ts';

let temp: TempDatabase;
afterEach(async () => temp?.dispose());

const person = { id: 'w02', displayName: '仮野 次郎', affiliation: 'contractor' as const, canSupervise: false, isAdmin: false, active: true };
const directory: ChatDirectory = {
  personByIdentity: async (_p, ref) => (ref === 'UW02' || ref === 'w02' ? person : undefined),
  identitiesOf: async () => ({ slack: 'UW02' }),
  bureauChannels: async () => ({}),
};

function world(sent: string[]) {
  const gateway: ChatGateway = {
    platforms: ['slack', 'console'],
    send: async (_to, view: MessageView) => (sent.push(view.summary), { delivered: [{ platform: 'slack', ref: 'r' }], failures: [] }),
    openForm: async () => ({ delivered: [], failures: [] }),
  };
  const routes = combineRoutes(
    [
      {
        name: 'test',
        formOpeners: { 'x.form': async (_p, value) => (value === 'mine' ? { formId: 'x.form', title: 'x', submitLabel: 'ok', state: '', fields: [] } : { refused: '担当外の作業です' }) },
        formValidators: { 'x.form': async (_p, _s, values) => (values.reading === values.reading2 ? undefined : { reading2: '一致しません' }) },
        forms: { 'x.form': async (turn) => turn.reply({ summary: 'recorded', blocks: [] }) },
      },
    ],
    { handlers: { unknown: async () => {} } },
  );
  const dispatcher = createDispatcher({ directory, gateway, logger: createLogger('silent'), routes, formsOnReceipt: ['slack'], formErrorsOnReceipt: ['slack'] });
  return createInbox({ store: createInboxStore(temp.db), logger: createLogger('silent'), clock: new VirtualClock('2026-03-27T01:00:00Z'), owner: 'test', process: dispatcher.process, formFor: dispatcher.formFor, formErrorsFor: dispatcher.formErrorsFor });
}

const form = (platform: 'slack' | 'console', eventKey: string, values: Record<string, string>): InboundEnvelope => ({
  platform,
  eventKey,
  userRef: platform === 'slack' ? 'UW02' : 'w02',
  receivedAt: new Date('2026-03-27T01:00:00Z'),
  payload: { type: 'form', formId: 'x.form', state: '', values },
});

describe('form checks in the chat core', () => {
  it('shows field errors on Slack\'s open form without storing the submission; a corrected one is stored and handled', async () => {
    temp = await tempDatabase();
    const sent: string[] = [];
    const inbox = world(sent);
    expect(await inbox.receive(form('slack', 'v1', { reading: '1', reading2: '2' }))).toEqual({ duplicate: false, formErrors: { reading2: '一致しません' } });
    expect(await temp.db.read.inboundEvent.count()).toBe(0);
    expect(await inbox.receive(form('slack', 'v2', { reading: '1', reading2: '1' }))).toEqual({ duplicate: false });
    // Platforms without inline errors: stored and handled (the handler answers with the errors itself).
    expect(await inbox.receive(form('console', 'c1', { reading: '1', reading2: '2' }))).toEqual({ duplicate: false });
    await inbox.drain();
    expect(sent).toEqual(['recorded', 'recorded']);
    expect(await temp.db.read.inboundEvent.count()).toBe(2);
  });

  it('tells the reason when an opener refuses, and opens nothing on receipt', async () => {
    temp = await tempDatabase();
    const sent: string[] = [];
    const inbox = world(sent);
    const press = (eventKey: string, value: string): InboundEnvelope => ({ ...form('slack', eventKey, {}), payload: { type: 'button', actionId: 'x.form', value } });
    expect((await inbox.receive(press('b1', 'theirs'))).form).toBeUndefined();
    expect((await inbox.receive(press('b2', 'mine'))).form?.formId).toBe('x.form');
    await inbox.drain();
    expect(sent).toEqual(['担当外の作業です']);
  });
});
