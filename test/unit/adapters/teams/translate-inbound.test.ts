import { describe, expect, it } from 'vitest';
import { TurnContext, type Activity } from 'botbuilder';
import { translateInbound } from '../../../../src/adapters/teams/translate-inbound.ts';
import { BOT, CHANNEL_ID, USER_AAD, channelActivity, personalActivity } from '../../../support/teams-fixtures.ts';

const at = new Date('2026-03-27T00:00:00Z');
const translate = (a: Partial<Activity>) => translateInbound(a as Activity, at);

describe('translateInbound', () => {
  it('turns a personal text message into a text envelope keyed on activity.id', () => {
    const activity = personalActivity({ text: '  20260327-0001 完了 指針 1234 ' });
    const envelope = translate(activity);
    expect(envelope).toEqual({
      platform: 'teams',
      eventKey: activity.id,
      userRef: USER_AAD,
      conversationRef: JSON.stringify(TurnContext.getConversationReference(activity)),
      inChannel: false,
      receivedAt: at,
      payload: { type: 'text', text: '20260327-0001 完了 指針 1234' },
    });
    expect(JSON.parse(envelope!.conversationRef!)).toMatchObject({ activityId: activity.id, serviceUrl: activity.serviceUrl, conversation: { id: activity.conversation!.id } });
  });

  it('strips the bot mention in a channel, keeps other mentions as names, and marks inChannel', () => {
    const activity = channelActivity({
      text: '<at>kaiheisen</at>&nbsp;断水の苦情です。<at>担当 太郎</at> さん確認を',
      entities: [
        { type: 'mention', mentioned: BOT, text: '<at>kaiheisen</at>' },
        { type: 'mention', mentioned: { id: '29:other', name: '担当 太郎' }, text: '<at>担当 太郎</at>' },
      ],
    });
    const envelope = translate(activity);
    expect(envelope?.inChannel).toBe(true);
    expect(envelope?.payload).toEqual({ type: 'text', text: '断水の苦情です。担当 太郎 さん確認を' });
    expect(JSON.parse(envelope!.conversationRef!).conversation.id).toBe(`${CHANNEL_ID};messageid=1699999999000`);
  });

  it('turns attachments into files and ignores the HTML copy of the message and cards', () => {
    const envelope = translate(
      personalActivity({
        text: '写真です',
        attachments: [
          { contentType: 'image/*', contentUrl: 'https://smba.trafficmanager.net/jp/v3/attachments/0-jpn-d1-aaa/views/original' },
          { contentType: 'text/html', content: '<p>写真です</p>' },
          { contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard' } },
          {
            contentType: 'application/vnd.microsoft.teams.file.download.info',
            contentUrl: 'https://contoso.sharepoint.com/personal/u/Documents/meter.JPG',
            name: 'meter.JPG',
            content: { downloadUrl: 'https://contoso.sharepoint.com/download?x=1', uniqueId: 'u1', fileType: 'JPG' },
          },
        ],
      }),
    );
    expect(envelope?.payload).toEqual({
      type: 'text',
      text: '写真です',
      files: [
        { ref: 'https://smba.trafficmanager.net/jp/v3/attachments/0-jpn-d1-aaa/views/original', mimeType: 'image/*' },
        { ref: 'https://contoso.sharepoint.com/personal/u/Documents/meter.JPG', name: 'meter.JPG', mimeType: 'image/jpeg' },
      ],
    });
  });

  it('keeps a photo sent without text', () => {
    const envelope = translate(personalActivity({ attachments: [{ contentType: 'image/png', contentUrl: 'https://example.invalid/p.png', name: 'p.png' }] }));
    expect(envelope?.payload).toEqual({ type: 'text', text: '', files: [{ ref: 'https://example.invalid/p.png', name: 'p.png', mimeType: 'image/png' }] });
  });

  it('turns an Action.Submit of a button into a button payload', () => {
    const envelope = translate(personalActivity({ value: { actionId: 'result.form', value: '{"orderNo":"20260327-0001"}', kaiheisen: true }, replyToId: 'card-1' }));
    expect(envelope?.payload).toEqual({ type: 'button', actionId: 'result.form', value: '{"orderNo":"20260327-0001"}' });
  });

  it('turns a form submit into values: empty inputs are undefined, multi-selects are arrays', () => {
    const envelope = translate(
      personalActivity({
        value: { formId: 'result', state: '{"orderNo":"1"}', kaiheisen: true, multi: ['checks', 'none'], reading: '1234', note: '', checks: 'pin,seal', none: '' },
      }),
    );
    expect(envelope?.payload).toEqual({
      type: 'form',
      formId: 'result',
      state: '{"orderNo":"1"}',
      values: { reading: '1234', note: undefined, checks: ['pin', 'seal'], none: [] },
    });
  });

  it('ignores what is not for the chat core', () => {
    expect(translate(personalActivity({ type: 'typing' }))).toBeUndefined();
    expect(translate(personalActivity({ text: '' }))).toBeUndefined();
    expect(translate(personalActivity({ text: '', value: { foreign: 'card' } }))).toBeUndefined();
    expect(translate(personalActivity({ text: 'x', id: undefined }))).toBeUndefined();
  });

  it('falls back to from.id when the sender has no AAD object id', () => {
    const envelope = translate(personalActivity({ text: 'x', from: { id: '29:guest', name: 'ゲスト' } }));
    expect(envelope?.userRef).toBe('29:guest');
  });

  it('drops HTML formatting from an HTML-formatted message', () => {
    const envelope = translate(personalActivity({ text: '<p>1行目<br>2行目 &amp; 3</p>', textFormat: 'xml' }));
    expect(envelope?.payload).toEqual({ type: 'text', text: '1行目\n2行目 & 3' });
  });
});
