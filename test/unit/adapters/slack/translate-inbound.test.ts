import { describe, expect, it } from 'vitest';
import {
  plainText,
  translateBlockAction,
  translateEvent,
  translateViewSubmission,
  type TranslateContext,
} from '../../../../src/adapters/slack/translate-inbound.ts';
import { blockActionsPayload, messageImEvent, viewSubmissionPayload } from '../../../support/slack-requests.ts';

const NOW = new Date('2026-03-27T00:30:00Z');
const ctx: TranslateContext = { bureauChannelId: 'C0BUREAU1', botUserId: 'U0BOT0001', now: () => NOW };

function channelEvent(event: Record<string, unknown>, eventId = 'Ev0CH0001') {
  return { type: 'event_callback', event_id: eventId, team_id: 'T0KAIHEI1', event: { ts: '1764028800.000100', ...event } };
}

describe('translateEvent', () => {
  it('turns message.im into a text envelope keyed by event_id', () => {
    expect(translateEvent(messageImEvent({ eventId: 'Ev01', user: 'U0WORKER1', text: '0012 開栓完了 指針1187' }), ctx)).toEqual({
      platform: 'slack',
      eventKey: 'Ev01',
      userRef: 'U0WORKER1',
      conversationRef: 'D0KAIHEI1',
      inChannel: false,
      receivedAt: NOW,
      payload: { type: 'text', text: '0012 開栓完了 指針1187' },
    });
  });

  it('keeps photos as file refs', () => {
    const files = [{ id: 'F0PHOTO01', name: 'meter.jpg', mimetype: 'image/jpeg', url_private: 'https://files.example/x' }];
    const env = translateEvent(messageImEvent({ eventId: 'Ev02', user: 'U0WORKER1', text: '', files }), ctx);
    expect(env?.payload).toEqual({ type: 'text', text: '', files: [{ ref: 'F0PHOTO01', name: 'meter.jpg', mimeType: 'image/jpeg' }] });
  });

  it('takes messages in the bureau channel (public or private) as inChannel, and no other channel', () => {
    const bureau = translateEvent(channelEvent({ type: 'message', channel: 'C0BUREAU1', channel_type: 'channel', user: 'U0CLERK01', text: '苦情です' }), ctx);
    expect(bureau).toMatchObject({ inChannel: true, conversationRef: 'C0BUREAU1', payload: { type: 'text', text: '苦情です' } });
    const other = channelEvent({ type: 'message', channel: 'C0OTHER01', channel_type: 'channel', user: 'U0CLERK01', text: 'x' });
    expect(translateEvent(other, ctx)).toBeUndefined();
    const group = channelEvent({ type: 'message', channel: 'C0BUREAU1', channel_type: 'group', user: 'U0CLERK01', text: 'y' });
    expect(translateEvent(group, ctx)?.inChannel).toBe(true);
  });

  it('takes app_mention outside the bureau channel, without the mention; in the bureau the message event covers it', () => {
    const mention = channelEvent({ type: 'app_mention', channel: 'C0OTHER01', user: 'U0WORKER1', text: '<@U0BOT0001> 今日の作業' });
    expect(translateEvent(mention, ctx)).toMatchObject({ inChannel: false, conversationRef: 'C0OTHER01', payload: { text: '今日の作業' } });
    const inBureau = channelEvent({ type: 'app_mention', channel: 'C0BUREAU1', user: 'U0WORKER1', text: '<@U0BOT0001> x' });
    expect(translateEvent(inBureau, ctx)).toBeUndefined();
  });

  it('ignores bots, the bot itself, edits, deletions and other subtypes', () => {
    const base = { type: 'message', channel: 'D0KAIHEI1', channel_type: 'im', text: 'x' };
    for (const event of [
      { ...base, user: 'U0WORKER1', bot_id: 'B0OTHER01' },
      { ...base, subtype: 'bot_message', bot_id: 'B0OTHER01' },
      { ...base, user: 'U0BOT0001' },
      { ...base, subtype: 'message_changed', message: { user: 'U0WORKER1', text: 'y' } },
      { ...base, subtype: 'message_deleted', previous_message: { user: 'U0WORKER1' } },
      { ...base, subtype: 'channel_join', user: 'U0WORKER1' },
      { type: 'reaction_added', user: 'U0WORKER1', reaction: 'ok' },
    ]) {
      expect(translateEvent(channelEvent(event), ctx)).toBeUndefined();
    }
    expect(translateEvent({ type: 'url_verification', challenge: 'x' }, ctx)).toBeUndefined();
  });

  it('turns Slack markup back into plain text', () => {
    expect(plainText('電話 <tel:0762201234|076-220-1234> &lt;至急&gt; &amp; <https://example.com>', 'U0BOT0001')).toBe(
      '電話 076-220-1234 <至急> & https://example.com',
    );
  });
});

describe('translateBlockAction', () => {
  it('turns a button press into a button envelope keyed by action_ts and user', () => {
    const body = blockActionsPayload({ user: 'U0WORKER1', actionId: 'doubt.ack#2', value: '{"doubtId":12}', actionTs: '1764028801.000300', channel: 'C0BUREAU1' });
    expect(translateBlockAction(body, ctx)).toEqual({
      platform: 'slack',
      eventKey: '1764028801.000300:U0WORKER1',
      userRef: 'U0WORKER1',
      conversationRef: 'C0BUREAU1',
      inChannel: true,
      receivedAt: NOW,
      payload: { type: 'button', actionId: 'doubt.ack', value: '{"doubtId":12}' },
    });
  });

  it('ignores elements that are not buttons', () => {
    const body = blockActionsPayload({ user: 'U0WORKER1', actionId: 'x', value: 'v', actionTs: '1.2' });
    body.actions[0]!.type = 'static_select';
    expect(translateBlockAction(body, ctx)).toBeUndefined();
  });
});

describe('translateViewSubmission', () => {
  const values = { reading: { reading: { type: 'number_input', value: '1187' } } };
  const body = (v: object) => viewSubmissionPayload({ user: 'U0WORKER1', callbackId: 'result', metadata: '{"orderNo":"0012"}', values: v });

  it('turns a submission into a form envelope', () => {
    expect(translateViewSubmission(body(values), ctx)).toMatchObject({
      platform: 'slack',
      userRef: 'U0WORKER1',
      inChannel: false,
      payload: { type: 'form', formId: 'result', state: '{"orderNo":"0012"}', values: { reading: '1187' } },
    });
  });

  it('keys the same submission alike (double click) and a corrected one differently', () => {
    const a = translateViewSubmission(body(values), ctx)!.eventKey;
    expect(translateViewSubmission(body(values), ctx)!.eventKey).toBe(a);
    const corrected = { reading: { reading: { type: 'number_input', value: '1188' } } };
    expect(translateViewSubmission(body(corrected), ctx)!.eventKey).not.toBe(a);
  });
});
