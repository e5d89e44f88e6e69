import nock from 'nock';

type Body = Record<string, string>;
type Reply = [number, unknown];

const bodyOf = (raw: unknown): Body =>
  typeof raw === 'string' ? (raw.startsWith('{') ? (JSON.parse(raw) as Body) : Object.fromEntries(new URLSearchParams(raw))) : (raw as Body);

export interface HeldMessage {
  ts: string;
  text: string;
  /** The view key and part from the message metadata (`day:2026-03-27:w02#0`). */
  key?: string;
  nonce?: string;
  metadata?: unknown;
  updates: number;
}

export interface OutageOptions {
  /** While true, every Web API call is answered 500. */
  down: () => boolean;
  /** While true, chat.postMessage keeps the message but answers 500 (the answer is lost: an ambiguous failure). */
  postedButFailed?: () => boolean;
}

/**
 * A Slack Web API stand-in (nock on https://slack.com, persistent) for outages: every call answers 500 while
 * `down()` says so. It keeps what Slack would hold per channel and counts every chat.postMessage it took.
 */
export function outageSlackApi(options: OutageOptions) {
  const messages = new Map<string, HeldMessage[]>();
  const counts = { refused: 0, postMessage: 0, update: 0, history: 0 };
  let ts = 1774569600;
  const held = (channel: string) => messages.get(channel) ?? (messages.set(channel, []), messages.get(channel)!);
  const markerOf = (b: Body) => {
    const payload = b.metadata ? (JSON.parse(b.metadata) as { event_payload?: { key?: string; part?: number; nonce?: string } }).event_payload : undefined;
    return { key: payload?.key ? `${payload.key}#${payload.part ?? 0}` : undefined, nonce: payload?.nonce };
  };
  const guarded = (apply: (b: Body) => Reply) => (_uri: string, body: unknown): Reply => {
    if (options.down()) {
      counts.refused++;
      return [500, 'internal error'];
    }
    return apply(bodyOf(body));
  };

  const api = nock('https://slack.com').persist();
  api.post('/api/auth.test').reply(guarded(() => [200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT' }]));
  api.post('/api/conversations.open').reply(guarded((b) => [200, { ok: true, channel: { id: `D${b.users}` } }]));
  api.post('/api/chat.postMessage').reply(
    guarded((b) => {
      const message: HeldMessage = { ts: `${++ts}.000100`, text: b.text ?? '', ...markerOf(b), metadata: b.metadata ? JSON.parse(b.metadata) : undefined, updates: 0 };
      held(b.channel!).push(message);
      counts.postMessage++;
      if (options.postedButFailed?.()) return [500, 'internal error'];
      return [200, { ok: true, channel: b.channel, ts: message.ts }];
    }),
  );
  api.post('/api/chat.update').reply(
    guarded((b) => {
      const message = held(b.channel!).find((m) => m.ts === b.ts);
      if (!message) return [200, { ok: false, error: 'message_not_found' }];
      Object.assign(message, { text: b.text ?? '', updates: message.updates + 1 });
      counts.update++;
      return [200, { ok: true, channel: b.channel, ts: b.ts }];
    }),
  );
  api.post('/api/conversations.history').reply(
    guarded((b) => {
      counts.history++;
      const list = [...held(b.channel!)].reverse().filter((m) => Number(m.ts) >= Number(b.oldest ?? 0));
      return [200, { ok: true, messages: list.map((m) => ({ type: 'message', ts: m.ts, text: m.text, metadata: m.metadata })) }];
    }),
  );

  return {
    messages,
    counts,
    /** Logical messages (metadata key per channel) Slack holds more than once. */
    duplicates: () =>
      [...messages].flatMap(([channel, list]) => {
        const keys = list.map((m) => m.key).filter((k): k is string => !!k);
        return [...new Set(keys.filter((k, i) => keys.indexOf(k) !== i))].map((k) => `${channel}:${k}`);
      }),
    dispose: () => nock.cleanAll(),
  };
}
