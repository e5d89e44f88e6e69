import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteOnly } from '../../../src/adapters/db/sqlite/sqlite-database.ts';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { register as registerStatus } from '../../../src/cli/commands/status.ts';
import { loadConfig } from '../../../src/config.ts';
import { createAppContext } from '../../../src/assembly/context.ts';
import { ALL_PLATFORMS_ENV, startAssembledBot, type AssembledBot } from '../../support/assembled-bot.ts';
import { TEST_KEY_ENV } from '../../support/test-cipher.ts';
import { runCommand } from '../../support/command-runner.ts';
import { fakeSlackApi } from '../../support/fake-slack-api.ts';
import { blockNetwork } from '../../support/teams-fixtures.ts';
import { answerWithin } from './http-probe.ts';

/** /healthz and /readyz of the bot as `kaiheisen start` assembles it, and the same checks in `kaiheisen status`. */
let a: AssembledBot;
let slack: ReturnType<typeof fakeSlackApi>;

interface ReadyBody {
  status: string;
  checks: Record<string, { ok: boolean; detail: string; [k: string]: unknown }>;
}

async function readyz(): Promise<{ status: number; body: ReadyBody }> {
  const res = await answerWithin(`${a.base}/readyz`, { method: 'GET' }, 5_000);
  return { status: res.status, body: JSON.parse(res.body) as ReadyBody };
}

const failing = (body: ReadyBody) => Object.entries(body.checks).filter(([, c]) => !c.ok).map(([name]) => name);
const minutesAgo = (m: number) => new Date(a.clock!.now().getTime() - m * 60_000);

beforeAll(async () => {
  blockNetwork();
  slack = fakeSlackApi(() => undefined);
  a = await startAssembledBot({ env: ALL_PLATFORMS_ENV, at: { date: '2026-03-27', time: '07:00' } });
}, 60_000);

afterAll(async () => {
  await a?.dispose();
  slack?.dispose();
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('GET /healthz and GET /readyz on the assembled bot', () => {
  it('/healthz answers 200 {"status":"ok"} without the database, even while its write queue is held', async () => {
    let release!: () => void;
    const held = a.ctx.db.write(() => new Promise<void>((resolve) => (release = resolve)));
    try {
      const res = await answerWithin(`${a.base}/healthz`, { method: 'GET' });
      expect(res).toMatchObject({ status: 200, body: '{"status":"ok"}' });
    } finally {
      release();
      await held;
    }
  });

  it('/readyz is 503 until the scheduler has ticked, then 200 naming every check', async () => {
    const before = await readyz();
    expect(before.status).toBe(503);
    expect(failing(before.body)).toEqual(['scheduler']);
    await a.bot.tick(a.clock!.now());
    const after = await readyz();
    expect(after.status).toBe(200);
    expect(after.body.status).toBe('ready');
    expect(Object.keys(after.body.checks)).toEqual(['database', 'scheduler', 'platforms', 'deliveries', 'parkedEvents']);
    expect(after.body.checks.database).toMatchObject({ ok: true, state: 'ok' });
    expect(after.body.checks.platforms).toMatchObject({ ok: true, slack: { ok: true }, teams: { ok: true } });
  });

  it('is 503 while the database is full (max_page_count) or read-only, and ready again after', async () => {
    const raw = sqliteOnly(a.ctx.db, 'この処理').rawConnection();
    const pages = raw.pragma('page_count', { simple: true }) as number;
    const limit = raw.pragma('max_page_count', { simple: true }) as number;
    expect(raw.pragma('freelist_count', { simple: true })).toBe(0);
    raw.pragma(`max_page_count = ${pages}`);
    try {
      const full = await readyz();
      expect(full.status).toBe(503);
      expect(failing(full.body)).toEqual(['database']);
      expect(full.body.checks.database).toMatchObject({ ok: false, state: 'full' });
    } finally {
      raw.pragma(`max_page_count = ${limit}`);
    }
    raw.pragma('query_only = 1');
    try {
      const readOnly = await readyz();
      expect(readOnly.status).toBe(503);
      expect(readOnly.body.checks.database).toMatchObject({ ok: false, state: 'read-only' });
    } finally {
      raw.pragma('query_only = 0');
    }
    expect((await readyz()).status).toBe(200);
  });

  it('is 503 while an inbound event is parked, naming how many and since when', async () => {
    const parked = await a.ctx.db.write((tx) =>
      tx.inboundEvent.create({ data: { platform: 'slack', eventKey: 'Ev0PARKED1', payload: '{}', state: 'failed', orderKey: 'slack:UW02', attempts: 3, receivedAt: minutesAgo(3) } }),
    );
    try {
      const res = await readyz();
      expect(res.status).toBe(503);
      expect(failing(res.body)).toEqual(['parkedEvents']);
      expect(res.body.checks.parkedEvents).toMatchObject({ count: 1, oldestAt: minutesAgo(3).toISOString() });
    } finally {
      await a.ctx.db.write((tx) => tx.inboundEvent.update({ where: { id: parked.id }, data: { state: 'done' } }));
    }
    expect((await readyz()).status).toBe(200);
  });

  it('is 503 when the oldest pending delivery is older than 10 minutes, not before', async () => {
    const pending = (key: string, createdAt: Date) =>
      a.ctx.db.write((tx) =>
        tx.delivery.create({
          data: {
            dedupeKey: key,
            platform: 'slack',
            recipient: JSON.stringify({ to: { channel: 'bureau' }, target: { kind: 'channel', channelRef: 'C0BUREAU01' } }),
            view: JSON.stringify({ summary: '試験', blocks: [] }),
            createdAt,
            // Nobody tries it during the test: only its age matters here.
            nextAttemptAt: new Date(a.clock!.now().getTime() + 86_400_000),
          },
        }),
      );
    const recent = await pending('health-test:recent', minutesAgo(9));
    expect((await readyz()).status).toBe(200);
    const old = await pending('health-test:old', minutesAgo(11));
    try {
      const res = await readyz();
      expect(res.status).toBe(503);
      expect(failing(res.body)).toEqual(['deliveries']);
      expect(res.body.checks.deliveries).toMatchObject({ pending: 2, oldestPendingAgeSeconds: 660, failed: 0 });
    } finally {
      await a.ctx.db.write((tx) => tx.delivery.updateMany({ where: { id: { in: [recent.id, old.id] } }, data: { state: 'sent', sentAt: a.clock!.now() } }));
    }
    expect((await readyz()).status).toBe(200);
  });

  it('is 503 when the scheduler has not ticked for longer than its window', async () => {
    a.clock!.advance(31_000);
    const res = await readyz();
    expect(res.status).toBe(503);
    expect(failing(res.body)).toEqual(['scheduler']);
    expect(res.body.checks.scheduler).toMatchObject({ ageSeconds: 31, maxAgeSeconds: 30 });
    await a.bot.tick(a.clock!.now());
    expect((await readyz()).status).toBe(200);
  });
});

describe('kaiheisen status: the same checks, read from the database', () => {
  it('shows them with the bot running in another process, and a stale heartbeat once it stopped', async () => {
    const beatAt = a.clock!.now();
    await a.stop();
    const clock = new VirtualClock(new Date(beatAt.getTime() + 20_000));
    const ctx = await createAppContext(loadConfig({ DATABASE_URL: a.databaseUrl, KAIHEISEN_LOG_LEVEL: 'silent', ...TEST_KEY_ENV }), { clock });
    try {
      const json = JSON.parse((await runCommand(registerStatus, ['status', '--json'], ctx)).out) as { people: number; readiness: { ready: boolean } & ReadyBody };
      expect(json.people).toBeGreaterThan(0);
      expect(json.readiness.ready).toBe(true);
      expect(json.readiness.checks.scheduler).toMatchObject({ ok: true, lastTickAt: beatAt.toISOString() });
      expect(json.readiness.checks.platforms).toMatchObject({ ok: true, skipped: true });
      const text = (await runCommand(registerStatus, ['status'], ctx)).out;
      expect(text).toContain('準備状態: 準備完了');
      expect(text).toContain('スケジューラー: 動いています');

      // No bot writes any more: 140 s of wall time later, on a console clock that stands still at the last beat.
      clock.place(beatAt);
      await ctx.db.write((tx) => tx.pollerMark.update({ where: { name: 'bot-heartbeat' }, data: { updatedAt: new Date(Date.now() - 140_000) } }));
      const stale = await runCommand(registerStatus, ['status'], ctx);
      expect(stale.code).toBe(0);
      expect(stale.out).toContain('準備状態: 準備できていません (スケジューラー)');
      expect(stale.out).toMatch(/【要確認】スケジューラー: 止まっています \(最後の実行 2026-03-27 07:00、140 秒前/);
    } finally {
      await ctx.close();
    }
  });
});
