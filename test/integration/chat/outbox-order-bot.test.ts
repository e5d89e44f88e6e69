import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { ALL_PLATFORMS_ENV, SLACK_SECRET, startAssembledBot, type AssembledBot } from '../../support/assembled-bot.ts';
import { messageImEvent, postSigned } from '../../support/slack-requests.ts';
import { blockNetwork } from '../../support/teams-fixtures.ts';

/**
 * Item 3/6 of issue 9, on the assembled bot (Slack over HTTP + Teams + the complaint webhook, startConfiguredBot):
 * the messages to one person arrive in the order they were sent, even when the first of them fails for a while.
 */
type Body = Record<string, string>;
const bodyOf = (raw: unknown): Body =>
  typeof raw === 'string' ? (raw.startsWith('{') ? (JSON.parse(raw) as Body) : Object.fromEntries(new URLSearchParams(raw))) : (raw as Body);

/** A Slack Web API stand-in (nock) that answers 500 to every post into the channels in `failing`. */
function slackFailingFor() {
  const failing = new Set<string>();
  const held = new Map<string, { ts: string; text: string; metadata?: unknown }[]>();
  const attempts: { channel: string; text: string; ok: boolean }[] = [];
  let ts = 1774569600;
  const stored = (channel: string) => held.get(channel) ?? (held.set(channel, []), held.get(channel)!);
  const api = nock('https://slack.com').persist();
  api.post('/api/auth.test').reply(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT' });
  api.post('/api/conversations.open').reply(200, (_uri, body) => ({ ok: true, channel: { id: `D${bodyOf(body).users}` } }));
  api.post('/api/chat.postMessage').reply((_uri, body) => {
    const b = bodyOf(body);
    const ok = !failing.has(b.channel!);
    attempts.push({ channel: b.channel!, text: b.text ?? '', ok });
    if (!ok) return [500, 'internal error'];
    const message = { ts: `${++ts}.000100`, text: b.text ?? '', metadata: b.metadata ? JSON.parse(b.metadata) : undefined };
    stored(b.channel!).push(message);
    return [200, { ok: true, channel: b.channel, ts: message.ts }];
  });
  api.post('/api/chat.update').reply(200, (_uri, body) => {
    const b = bodyOf(body);
    const message = stored(b.channel!).find((m) => m.ts === b.ts);
    if (!message) return { ok: false, error: 'message_not_found' };
    message.text = b.text ?? '';
    return { ok: true, channel: b.channel, ts: b.ts };
  });
  api.post('/api/conversations.history').reply(200, (_uri, body) => ({
    ok: true,
    messages: [...stored(bodyOf(body).channel!)].reverse().map((m) => ({ type: 'message', ts: m.ts, text: m.text, metadata: m.metadata })),
  }));
  return {
    failing,
    attempts,
    /** What Slack holds in the channel, in order. */
    texts: (channel: string) => stored(channel).map((m) => m.text),
    dispose: () => nock.cleanAll(),
  };
}

const hintOf = (text: string) => /「(.+?)」は読み取れませんでした/.exec(text)?.[1];

let bot: AssembledBot | undefined;
let slack: ReturnType<typeof slackFailingFor> | undefined;
afterEach(async () => {
  await bot?.dispose();
  slack?.dispose();
  nock.enableNetConnect();
  bot = slack = undefined;
});

let events = 0;
/** A signed message.im event from a worker; returns once the bot has worked on it (and sent what it sends at once). */
async function say(b: AssembledBot, user: string, text: string): Promise<void> {
  const body = JSON.stringify(messageImEvent({ eventId: `Ev0ORDER${++events}`, user, text, channel: `D${user}` }));
  expect((await postSigned(`${b.base}/slack/events`, body, { secret: SLACK_SECRET })).status).toBe(200);
  await b.bot.inbox.drain();
}

describe('the assembled bot when Slack fails the first of three messages to w02 (500)', () => {
  it('delivers all three to w02 in order, each once; w03 is not held up meanwhile', async () => {
    blockNetwork();
    slack = slackFailingFor();
    const sleeps: number[] = [];
    bot = await startAssembledBot({ env: ALL_PLATFORMS_ENV, at: { date: '2026-03-27', time: '10:00' }, instanceId: 'bot-order', sleep: async (ms) => void sleeps.push(ms) });
    await bot.bot.tick(bot.clock!.now()); // the morning post, sent on start (the bot starts after 08:30)
    const dm = 'DUW02';
    const morning = { w02: slack.texts(dm), w03: slack.texts('DUW03') };
    expect([morning.w02.length, morning.w03.length]).toEqual([1, 1]);
    const morningAttempts = slack.attempts.length;
    slack.failing.add(dm);
    await say(bot, 'UW02', 'さくら');
    expect(sleeps.length).toBeGreaterThan(0); // the adapter's own retries (5xx) were spent, then the outbox keeps it
    await say(bot, 'UW02', 'もみじ');
    await say(bot, 'UW02', 'つばき');
    // The two later answers wait behind the first: never tried while it is pending.
    expect(new Set(slack.attempts.slice(morningAttempts).filter((a) => a.channel === dm).map((a) => hintOf(a.text)))).toEqual(new Set(['さくら']));
    const rows = () => bot!.ctx.db.read.delivery.findMany({ where: { targetKey: 'slack:user:UW02', state: { not: 'sent' } }, orderBy: { id: 'asc' } });
    const answers = await rows();
    expect(answers.map((r) => [r.state, r.attempts > 0])).toEqual([['pending', true], ['pending', false], ['pending', false]]);

    // Another worker meanwhile: answered at once.
    await say(bot, 'UW03', 'あやめ');
    expect(slack.texts('DUW03').slice(1).map(hintOf)).toEqual(['あやめ']);

    // Still failing at the first retry (5 s): nothing overtakes the first answer.
    bot.clock!.advance(5_000);
    await bot.bot.tick(bot.clock!.now());
    expect(slack.texts(dm)).toEqual(morning.w02);
    expect(new Set(slack.attempts.slice(morningAttempts).filter((a) => a.channel === dm).map((a) => hintOf(a.text)))).toEqual(new Set(['さくら']));

    slack.failing.delete(dm);
    for (let i = 0; i < 6; i++) {
      bot.clock!.advance(5_000);
      await bot.bot.tick(bot.clock!.now());
    }
    expect(slack.texts(dm).slice(1).map(hintOf)).toEqual(['さくら', 'もみじ', 'つばき']);
    expect(slack.attempts.slice(morningAttempts).filter((a) => a.channel === dm && a.ok).map((a) => hintOf(a.text))).toEqual(['さくら', 'もみじ', 'つばき']);
    const after = await bot.ctx.db.read.delivery.findMany({ where: { id: { in: answers.map((r) => r.id) } }, orderBy: { id: 'asc' } });
    expect(after.map((r) => r.state)).toEqual(['sent', 'sent', 'sent']);

    // Later ticks send nothing again.
    const before = slack.attempts.length;
    bot.clock!.advance(10 * 60_000);
    await bot.bot.tick(bot.clock!.now());
    expect(slack.attempts.length).toBe(before);
  }, 60_000);
});
