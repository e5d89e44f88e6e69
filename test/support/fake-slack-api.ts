import nock from 'nock';

type Body = Record<string, string>;
type Reply = [number, unknown, Record<string, string>?];
/** The Web API sends form bodies (JSON for some calls); nock gives reply functions the raw text. */
const bodyOf = (raw: unknown): Body =>
  typeof raw === 'string' ? (raw.startsWith('{') ? (JSON.parse(raw) as Body) : Object.fromEntries(new URLSearchParams(raw))) : (raw as Body);
type Callback = (err: Error | null, reply?: Reply) => void;

/** A fault the fake answers a chat.postMessage or chat.update with. 'lost': the message is kept, the answer never comes. */
export type SlackFault = '429' | '500' | 'network' | 'lost';

interface Stored {
  ts: string;
  text: string;
  key?: string;
  metadata?: unknown;
  updates: number;
}

/**
 * A stand-in for the Slack Web API (nock, persistent): DMs, posts with metadata, updates, history. `faultOf(n)` decides
 * whether the n-th post or update fails, and how. `messages` is what Slack holds in the end, per channel.
 */
export function fakeSlackApi(faultOf: (n: number) => SlackFault | undefined) {
  const messages = new Map<string, Stored[]>();
  const faults: Record<string, number> = {};
  let calls = 0;
  let ts = 1774569600;
  const api = nock('https://slack.com').persist();
  const stored = (channel: string) => messages.get(channel) ?? (messages.set(channel, []), messages.get(channel)!);
  const keyOf = (b: Body) => {
    const payload = b.metadata ? (JSON.parse(b.metadata) as { event_payload?: { key?: string; part?: number } }).event_payload : undefined;
    return payload?.key ? `${payload.key}#${payload.part ?? 0}` : undefined;
  };

  function faulty(apply: () => Reply, cb: Callback): void {
    const fault = faultOf(++calls);
    if (fault) faults[fault] = (faults[fault] ?? 0) + 1;
    if (fault === '429') return cb(null, [429, { ok: false, error: 'ratelimited' }, { 'retry-after': '2' }]);
    if (fault === '500') return cb(null, [500, 'internal error']);
    if (fault === 'network') return cb(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const reply = apply();
    if (fault === 'lost') return cb(Object.assign(new Error('read ETIMEDOUT'), { code: 'ETIMEDOUT' }));
    cb(null, reply);
  }

  api.post('/api/auth.test').reply(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT' });
  api.post('/api/conversations.open').reply(200, (_uri, body) => ({ ok: true, channel: { id: `D${bodyOf(body).users}` } }));
  api.post('/api/chat.postMessage').reply((_uri, body, cb) =>
    faulty(() => {
      const b = bodyOf(body);
      const message = { ts: `${++ts}.000100`, text: b.text ?? '', key: keyOf(b), metadata: b.metadata ? JSON.parse(b.metadata) : undefined, updates: 0 };
      stored(b.channel!).push(message);
      return [200, { ok: true, channel: b.channel, ts: message.ts }];
    }, cb as unknown as Callback),
  );
  api.post('/api/chat.update').reply((_uri, body, cb) =>
    faulty(() => {
      const b = bodyOf(body);
      const message = stored(b.channel!).find((m) => m.ts === b.ts);
      if (!message) return [200, { ok: false, error: 'message_not_found' }];
      Object.assign(message, { text: b.text ?? '', metadata: b.metadata ? JSON.parse(b.metadata) : message.metadata, updates: message.updates + 1 });
      return [200, { ok: true, channel: b.channel, ts: b.ts }];
    }, cb as unknown as Callback),
  );
  api.post('/api/chat.delete').reply(200, (_uri, body) => {
    const b = bodyOf(body);
    messages.set(b.channel!, stored(b.channel!).filter((m) => m.ts !== b.ts));
    return { ok: true };
  });
  api.post('/api/conversations.history').reply(200, (_uri, body) => ({
    ok: true,
    messages: [...stored(bodyOf(body).channel!)].reverse().map((m) => ({ type: 'message', ts: m.ts, text: m.text, metadata: m.metadata })),
  }));

  return {
    messages,
    faults,
    /** Logical messages (metadata key per channel) Slack holds more than once. */
    duplicates: () => [...messages].flatMap(([channel, list]) => {
      const keys = list.map((m) => m.key).filter((k): k is string => !!k);
      return [...new Set(keys.filter((k, i) => keys.indexOf(k) !== i))].map((k) => `${channel}:${k}`);
    }),
    dispose: () => nock.cleanAll(),
  };
}
