import { createHmac } from 'node:crypto';
import { request as httpRequest, type Agent } from 'node:http';

/**
 * Slack requests as Slack sends them (shapes from docs.slack.dev: message.im event wrapper, block_actions and
 * view_submission interaction payloads, url_verification), signed with v0 HMAC-SHA256 over `v0:${ts}:${body}`.
 * Synthetic ids and text only.
 */
export const TEAM = 'T0KAIHEI1';
export const APP_ID = 'A0KAIHEI1';

export function slackSignature(secret: string, timestampSec: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

export interface SignedOptions {
  secret: string;
  /** Seconds since the epoch; default now. */
  timestampSec?: number;
  contentType?: 'application/json' | 'application/x-www-form-urlencoded';
  headers?: Record<string, string>;
  /** Sign with this instead of the real body (to forge a bad signature). */
  signBody?: string;
  agent?: Agent;
}

export interface SlackResponse {
  status: number;
  body: string;
}

/** POSTs a signed body over plain node:http (loopback only). */
export function postSigned(url: string, body: string, o: SignedOptions): Promise<SlackResponse> {
  const ts = o.timestampSec ?? Math.floor(Date.now() / 1000);
  const headers = {
    'content-type': o.contentType ?? 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': slackSignature(o.secret, ts, o.signBody ?? body),
    ...o.headers,
  };
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers, agent: o.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const formBody = (payload: object) => `payload=${encodeURIComponent(JSON.stringify(payload))}`;

export function messageImEvent(o: { eventId: string; user: string; text: string; channel?: string; files?: object[]; ts?: string }) {
  const ts = o.ts ?? '1764028800.000100';
  return {
    token: 'one-long-verification-token',
    team_id: TEAM,
    api_app_id: APP_ID,
    event: {
      type: 'message',
      channel: o.channel ?? 'D0KAIHEI1',
      user: o.user,
      text: o.text,
      ts,
      event_ts: ts,
      channel_type: 'im',
      ...(o.files ? { subtype: 'file_share', files: o.files } : {}),
    },
    type: 'event_callback',
    authorizations: [{ team_id: TEAM, user_id: 'U0BOT0001', is_bot: true, is_enterprise_install: false }],
    event_id: o.eventId,
    event_time: Number(ts.split('.')[0]),
  };
}

export function blockActionsPayload(o: { user: string; actionId: string; value: string; actionTs: string; channel?: string; triggerId?: string }) {
  const channel = o.channel ?? 'D0KAIHEI1';
  return {
    type: 'block_actions',
    user: { id: o.user, username: 'worker.a', name: 'worker.a', team_id: TEAM },
    api_app_id: APP_ID,
    token: 'one-long-verification-token',
    container: { type: 'message', message_ts: '1764028800.000200', channel_id: channel, is_ephemeral: false },
    trigger_id: o.triggerId ?? '12345.98765.abcd2358fdea',
    team: { id: TEAM, domain: 'kaiheisen-test' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: 'directmessage' },
    message: { type: 'message', user: 'U0BOT0001', ts: '1764028800.000200', bot_id: 'B0BOT0001', text: 'summary', blocks: [] },
    state: { values: {} },
    response_url: 'https://hooks.slack.com/actions/T0KAIHEI1/1/abc',
    actions: [
      {
        action_id: o.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: '結果入力', emoji: true },
        value: o.value,
        type: 'button',
        action_ts: o.actionTs,
      },
    ],
  };
}

export function viewSubmissionPayload(o: { user: string; callbackId: string; metadata: string; values: object; viewId?: string }) {
  return {
    type: 'view_submission',
    team: { id: TEAM, domain: 'kaiheisen-test' },
    user: { id: o.user, username: 'worker.a', name: 'worker.a', team_id: TEAM },
    api_app_id: APP_ID,
    token: 'one-long-verification-token',
    trigger_id: '12345.98765.view0001',
    view: {
      id: o.viewId ?? 'V0KAIHEI1',
      team_id: TEAM,
      type: 'modal',
      blocks: [],
      private_metadata: o.metadata,
      callback_id: o.callbackId,
      state: { values: o.values },
      hash: '1764028800.abcdef12',
      title: { type: 'plain_text', text: '結果入力', emoji: true },
      clear_on_close: false,
      notify_on_close: false,
      close: { type: 'plain_text', text: '閉じる', emoji: true },
      submit: { type: 'plain_text', text: '送信', emoji: true },
      previous_view_id: null,
      root_view_id: o.viewId ?? 'V0KAIHEI1',
      app_id: APP_ID,
      external_id: '',
      app_installed_team_id: TEAM,
      bot_id: 'B0BOT0001',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

export const urlVerification = (challenge: string) => ({ token: 'one-long-verification-token', challenge, type: 'url_verification' });
