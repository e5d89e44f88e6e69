import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/adapters/log/logger.ts';
import { SlackAdapter } from '../../../src/adapters/slack/slack-adapter.ts';
import { ChatDeliveryError } from '../../../src/application/chat/ports.ts';

beforeAll(() => nock.disableNetConnect());
afterAll(() => nock.enableNetConnect());
afterEach(() => nock.cleanAll());

const view = { summary: '本日の作業', blocks: [{ type: 'text' as const, text: '0012 開栓' }] };

/** A wait that never ends by itself: only the adapter's interruption can end it. */
const waitsForever = (started: () => void) => () => (started(), new Promise<void>(() => {}));

describe('the Slack adapter waiting between retries when the bot stops', () => {
  it('fails the post at once as retryable (the outbox keeps the delivery)', async () => {
    nock('https://slack.com').persist().post('/api/chat.postMessage').reply(500, 'down');
    let waiting!: () => void;
    const waitStarted = new Promise<void>((resolve) => (waiting = resolve));
    const slack = new SlackAdapter({ mode: 'http', botToken: 'xoxb-test', signingSecret: 'secret' }, { logger: createLogger('silent'), sleep: waitsForever(() => waiting()) });
    const post = slack.post({ kind: 'channel', channelRef: 'C0BUREAU1' }, view).catch((e: unknown) => e);
    await waitStarted;
    slack.interruptRetries();
    const error = await post;
    expect(error).toBeInstanceOf(ChatDeliveryError);
    expect(error).toMatchObject({ retryable: true, message: expect.stringContaining('stopping') });
  });
});
