import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the Slack Web API on 127.0.0.1 (SLACK_API_URL), for a bot in this process or in a child process.
 * It records every call, keeps what Slack would hold per channel (posts, updates in place, deletions), answers
 * conversations.history with the metadata the bot looks for after a lost answer, and can HOLD one call: the n-th
 * call after `holdCall(n)` gets no answer at all and changes nothing (the process is killed while waiting on it).
 * Synthetic ids only.
 */
export interface StandInCall {
  /** 1-based, in arrival order, auth.test included. */
  seq: number;
  method: string;
  body: Record<string, string>;
  held: boolean;
}

export interface HeldMessage {
  ts: string;
  text: string;
  /** The view key and part from the message metadata (kaiheisen_message), when there is one. */
  key?: string;
  /** Times it was updated in place. */
  updates: number;
  metadata?: unknown;
}

interface Hold {
  remaining: number;
  resolve(call: StandInCall): void;
}

const READ_ONLY = new Set(['auth.test', 'conversations.history']);

function parseBody(raw: string, type: string | undefined): Record<string, string> {
  if (type?.includes('application/json')) {
    const parsed = JSON.parse(raw || '{}') as Record<string, unknown>;
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

const keyOf = (metadata: string | undefined): string | undefined => {
  if (!metadata) return undefined;
  const payload = (JSON.parse(metadata) as { event_payload?: { key?: string; part?: number } }).event_payload;
  return payload?.key ? `${payload.key}#${payload.part ?? 0}` : undefined;
};

export class SlackStandIn {
  readonly calls: StandInCall[] = [];
  readonly channels = new Map<string, HeldMessage[]>();
  private server?: Server;
  private hold?: Hold;
  private readonly heldResponses: ServerResponse[] = [];
  private ts = 1_774_569_600;

  async listen(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  /** Calls that change what Slack holds (posts, updates, DMs opened), i.e. the bot's outbound steps. */
  get steps(): StandInCall[] {
    return this.calls.filter((c) => !READ_ONLY.has(c.method));
  }

  /** Holds the n-th step from now (1 = the next one); resolves with it once it arrived and is held. */
  holdStep(n: number): Promise<StandInCall> {
    return new Promise((resolve) => (this.hold = { remaining: n, resolve }));
  }

  /** Stops holding (a hold not reached yet is dropped). Calls held so far stay unanswered: their caller is gone. */
  clearHold(): void {
    this.hold = undefined;
  }

  messagesIn(channel: string): HeldMessage[] {
    return this.channels.get(channel) ?? [];
  }

  /** Everything Slack holds, per channel, as text (a snapshot to compare runs with). */
  contents(): Record<string, string[]> {
    return Object.fromEntries([...this.channels].map(([channel, list]) => [channel, list.map((m) => m.text)]));
  }

  /** Removes the channel's last `count` messages (as if they had never been posted). */
  dropLast(channel: string, count: number): void {
    const list = this.stored(channel);
    list.splice(list.length - count, count);
  }

  /** Forgets calls and messages (a fresh workspace for the next run); the server keeps listening. */
  reset(): void {
    this.calls.length = 0;
    this.channels.clear();
    this.hold = undefined;
    for (const res of this.heldResponses.splice(0)) res.destroy();
  }

  async close(): Promise<void> {
    for (const res of this.heldResponses.splice(0)) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
    const body = parseBody(Buffer.concat(chunks).toString('utf8'), req.headers['content-type']);
    const call: StandInCall = { seq: this.calls.length + 1, method, body, held: false };
    this.calls.push(call);
    if (!READ_ONLY.has(method) && this.hold && --this.hold.remaining === 0) {
      call.held = true;
      this.heldResponses.push(res);
      const { resolve } = this.hold;
      this.hold = undefined;
      resolve(call);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.answer(method, body)));
  }

  private stored(channel: string): HeldMessage[] {
    if (!this.channels.has(channel)) this.channels.set(channel, []);
    return this.channels.get(channel)!;
  }

  private answer(method: string, b: Record<string, string>): object {
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'U0BOT0001', bot_id: 'B0BOT0001', team_id: 'T0KAIHEI1' };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${b.users}` } };
      case 'chat.postMessage': {
        const message: HeldMessage = { ts: `${++this.ts}.000100`, text: b.text ?? '', key: keyOf(b.metadata), updates: 0, metadata: b.metadata ? JSON.parse(b.metadata) : undefined };
        this.stored(b.channel!).push(message);
        return { ok: true, channel: b.channel, ts: message.ts };
      }
      case 'chat.update': {
        const message = this.stored(b.channel!).find((m) => m.ts === b.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        Object.assign(message, { text: b.text ?? '', updates: message.updates + 1, ...(b.metadata ? { metadata: JSON.parse(b.metadata), key: keyOf(b.metadata) } : {}) });
        return { ok: true, channel: b.channel, ts: b.ts };
      }
      case 'chat.delete':
        this.channels.set(b.channel!, this.stored(b.channel!).filter((m) => m.ts !== b.ts));
        return { ok: true };
      case 'conversations.history':
        return { ok: true, messages: [...this.stored(b.channel!)].reverse().map((m) => ({ type: 'message', ts: m.ts, text: m.text, metadata: m.metadata })) };
      default:
        return { ok: true };
    }
  }
}
