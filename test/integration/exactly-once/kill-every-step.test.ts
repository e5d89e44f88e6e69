import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KillWorld, type RunReport } from './support/kill-world.ts';

/**
 * The proof (item 3): the real process (`node bin/kaiheisen.mjs start`, Slack over HTTP, a SQLite file) is
 * killed with SIGKILL at every step of a scripted conversation: while each of its outbound Slack calls waits for an
 * answer (the stand-in holds the k-th call, for every k of the uninterrupted run), and right after each inbound event
 * is acknowledged. After each kill it is started again on the same database, recovers, and the worker goes on with
 * the script. The records must equal those of the uninterrupted run, and no answer may land on a question that was
 * asked after it was written (the reported bug: a replayed 「はい」 answered 「お客さまは在宅でしたか？」).
 *
 * The conversation: a result with a reading far above the previous usage (echoed for confirmation, flagged to the
 * supervisor), its その旨 statement (it differs from the previous reading), then three questions answered each differently, so an answer applied to the wrong question changes
 * the record: 指針の確認 → はい, 在宅 → いいえ, パイロット → 止まった.
 */
const SCRIPT = ['0001 開栓完了 指針6071 散水栓なし', 'はい', '閉栓後に使用の形跡あり', 'いいえ', '止まった'] as const;

/**
 * Every kill point by default. KAIHEISEN_KILL_POINTS=3,7 runs only those held calls (and no kill after an ack):
 * for working on one failure, never for a CI run.
 */
const only = process.env.KAIHEISEN_KILL_POINTS?.split(',').map(Number);
const killPoints = (steps: number) => (only ? only.filter((k) => k <= steps) : Array.from({ length: steps }, (_, i) => i + 1));
const ackPoints = only ? [] : SCRIPT.map((_, i) => i);

/** Times of day in messages (記録: 12月6日 10:15) differ between runs. */
const withoutTimes = (slack: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(slack).map(([channel, texts]) => [channel, texts.map((t) => t.replace(/\d{1,2}:\d{2}/g, 'HH:MM'))]));

let world: KillWorld;
let baseline: RunReport;
/** Every killed run of this file, in order; the last three tests read what the two kill loops collected. */
const killed: { label: string; report: RunReport }[] = [];

beforeAll(async () => {
  world = new KillWorld();
  await world.prepare();
  baseline = await world.run(SCRIPT, undefined);
}, 120_000);

afterAll(async () => {
  await world?.dispose();
});

/** Where a killed run's records differ from the uninterrupted run's, by part (empty: none). */
function differences(report: RunReport): string[] {
  const parts = Object.keys(baseline.records) as (keyof RunReport['records'])[];
  const differing = parts.filter((p) => JSON.stringify(report.records[p]) !== JSON.stringify(baseline.records[p]));
  return differing.map((p) => `${p}: ${JSON.stringify(report.records[p])} instead of ${JSON.stringify(baseline.records[p])}`);
}

describe('kill -9 at every step of a conversation, then restart on the same database', () => {
  it('the uninterrupted run records what the worker answered, each answer on its own question', () => {
    const { records } = baseline;
    expect(records.results).toHaveLength(1);
    expect(records.results[0]).toMatchObject({
      orderNo: `${world.date.replaceAll('-', '')}-0001`,
      outcome: 'absent',
      reading: 6071,
      readingConfirmed: 1,
      customerPresent: 0,
      outdoorTap: 'none',
      pilotChecked: 1,
      pilotStillTurning: 0,
      usageFarAbovePrevious: 1,
      channel: 'slack',
      sourceEventId: SCRIPT.length,
    });
    expect(records.conversations).toMatchObject([{ personId: 'w02', step: 'closed', sourceEventId: SCRIPT.length, said: '<encrypted>' }]);
    expect(records.events.map((e) => e.state)).toEqual(SCRIPT.map(() => 'done'));
    expect(records.audit).toEqual([{ action: 'result.record', count: 1 }]);
    expect(baseline.staleAnswers).toBe(0);
    expect(baseline.replays).toBe(0);
    // Every question once, in order, then the recorded result; the supervisor gets the flag.
    const dm = baseline.slack['DUW02']!;
    expect(dm[0]).toContain('指針 6071 で間違いありませんか？');
    expect(dm[1]).toContain('その旨');
    expect(dm.slice(2, 4).map((t) => t.split('\n')[0])).toEqual(['お客さまは在宅でしたか？ (はい / いいえ)', expect.stringContaining('パイロットは止まっていますか？')]);
    expect(dm.at(-1)).toContain('結果を記録しました。');
    expect(baseline.slack['DUW01']).toHaveLength(1);
    expect(baseline.steps).toBeGreaterThanOrEqual(SCRIPT.length + 2);
  });

  it('killed while each outbound call of the run waits for Slack: the records equal the uninterrupted run', async () => {
    const mismatches: string[] = [];
    for (const k of killPoints(baseline.steps)) {
      const report = await world.run(SCRIPT, baseline.dmAfter, { holdStep: k });
      const label = `call ${k} (${report.killedAt?.call ?? 'not reached'}, event ${report.killedAt?.event ?? '-'})`;
      killed.push({ label, report });
      if (!report.killedAt) mismatches.push(`${label}: the run never made this call`);
      for (const d of differences(report)) mismatches.push(`${label}: ${d}`);
      if (report.staleAnswers > 0) mismatches.push(`${label}: ${report.staleAnswers} answers refused as older than their question`);
    }
    expect(mismatches).toEqual([]);
  }, 900_000);

  it('killed right after each event was acknowledged: the records equal the uninterrupted run', async () => {
    const mismatches: string[] = [];
    for (const i of ackPoints) {
      const report = await world.run(SCRIPT, baseline.dmAfter, { killAfterAck: i });
      const label = `after the ack of event ${i} 「${SCRIPT[i]}」`;
      killed.push({ label, report });
      for (const d of differences(report)) mismatches.push(`${label}: ${d}`);
      if (report.staleAnswers > 0) mismatches.push(`${label}: ${report.staleAnswers} answers refused as older than their question`);
    }
    expect(mismatches).toEqual([]);
  }, 600_000);

  it('the kills came both before and after the commit of the event being processed', () => {
    const points = killed.map(({ label, report }) => ({ label, committed: report.killedAt?.committed }));
    expect(points.filter((p) => p.committed === true).length, JSON.stringify(points)).toBeGreaterThan(0);
    expect(points.filter((p) => p.committed === false).length, JSON.stringify(points)).toBeGreaterThan(0);
  });

  it('the worker and the supervisor got every message exactly once, as in the uninterrupted run (outbox deduplication)', () => {
    expect(killed.length).toBe(killPoints(baseline.steps).length + ackPoints.length);
    const sorted = (slack: Record<string, string[]>) => Object.fromEntries(Object.entries(withoutTimes(slack)).map(([c, list]) => [c, [...list].sort()]));
    const expected = sorted(baseline.slack);
    const mismatches = killed
      .filter(({ report }) => JSON.stringify(sorted(report.slack)) !== JSON.stringify(expected))
      .map(({ label, report }) => `${label}: ${JSON.stringify(withoutTimes(report.slack))}`);
    expect(mismatches).toEqual([]);
  });

  it('and in the order of the uninterrupted run (an interrupted delivery goes out before the later ones)', () => {
    const expected = withoutTimes(baseline.slack);
    const mismatches = killed
      .filter(({ report }) => JSON.stringify(withoutTimes(report.slack)) !== JSON.stringify(expected))
      .map(({ label, report }) => `${label}: ${JSON.stringify(withoutTimes(report.slack))}`);
    expect(mismatches).toEqual([]);
  });
});
