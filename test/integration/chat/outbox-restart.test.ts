import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { PROCESS_SLACK_SECRET, slackWebApiStandIn, startBotProcess, type BotProcess } from '../../support/bot-process.ts';
import { messageImEvent, postSigned } from '../../support/slack-requests.ts';
import { until } from '../../support/until.ts';

/**
 * `kaiheisen start` as a child process, killed (SIGKILL) while the answers to a worker wait in the outbox behind one
 * Slack keeps refusing, then started again on the same database with Slack back: the new process sends what the
 * old one left, in order and once each, with no new event to set it off (its delivery sender runs on start).
 */

const hintOf = (text: string) => /「(.+?)」は読み取れませんでした/.exec(text)?.[1];
const WORDS = ['さくら', 'もみじ', 'つばき'];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('a restarted process and the deliveries its predecessor left pending', () => {
  it('sends them at start, in the order they were written, each once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-outbox-restart-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const slack = await slackWebApiStandIn();
    cleanups.push(() => slack.close());
    const databaseUrl = `file:${join(dir, 'bot.db')}`;
    const start = async () => {
      const p: BotProcess = await startBotProcess({ databaseUrl, slackApiUrl: slack.url });
      cleanups.push(async () => void (await p.stop()));
      return p;
    };
    const observer = () => {
      const db = new BetterSqlite3(join(dir, 'bot.db'), { readonly: true, fileMustExist: true });
      try {
        return {
          events: db.prepare(`SELECT "state" FROM "InboundEvent" WHERE "eventKey" LIKE 'Ev0RESTART%'`).all() as { state: string }[],
          toW02: db.prepare(`SELECT "state", "attempts" FROM "Delivery" WHERE "targetKey" = 'slack:user:UW02' ORDER BY "id"`).all() as { state: string; attempts: number }[],
        };
      } finally {
        db.close();
      }
    };

    const first = await start();
    slack.refusing.add('DUW02');
    for (const [i, word] of WORDS.entries()) {
      const body = JSON.stringify(messageImEvent({ eventId: `Ev0RESTART${i}`, user: 'UW02', text: word, channel: 'DUW02' }));
      expect((await postSigned(`${first.base}/slack/events`, body, { secret: PROCESS_SLACK_SECRET })).status).toBe(200);
    }
    await until('the three answers written', () => {
      const o = observer();
      return o.events.length === WORDS.length && o.events.every((e) => e.state === 'done') && o.toW02.filter((d) => d.state === 'pending').length >= WORDS.length;
    }, 30_000);
    // Only the first answer was tried (and refused); the others wait behind it.
    expect(new Set([...slack.refused, ...slack.posts].filter((a) => a.channel === 'DUW02').map((a) => hintOf(a.text)))).toEqual(new Set(['さくら']));
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    slack.refusing.clear();
    const second = await start(); // no event reaches it: only its own start sends what was left
    await until('the answers delivered after the restart', () => slack.textsTo('DUW02').filter(hintOf).length >= WORDS.length, 30_000);
    await until('the outbox empty', () => observer().toW02.every((d) => d.state === 'sent'), 30_000);
    expect(slack.textsTo('DUW02').map(hintOf).filter(Boolean)).toEqual(WORDS);
    expect(await second.stop(), second.output()).toBe(0);
    expect(second.output()).not.toMatch(/"level":"error"/);
  }, 120_000);
});
