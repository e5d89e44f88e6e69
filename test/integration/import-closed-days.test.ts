import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TempDatabase } from '../support/temp-db.ts';
import { encryptedTempDatabase } from '../support/test-cipher.ts';
import { runImport, sampleText, writeVariant } from '../support/import-cli.ts';

let t: TempDatabase;
let dir: string;
beforeEach(async () => {
  t = await encryptedTempDatabase();
  dir = mkdtempSync(join(tmpdir(), 'kaiheisen-import-closed-'));
});
afterEach(async () => {
  await t.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** The sample's first rows, dated (far ahead of any test run): 2030-03-02 is a Saturday, 2030-12-31 in the closure. */
function datedSample(dates: string[]): string {
  const [header, ...rows] = sampleText().split('\r\n');
  return [header, ...dates.map((date, i) => rows[i]!.split(',').map((cell, c) => (c === 2 ? date : cell)).join(','))].join('\r\n') + '\r\n';
}

const CLOSED = { CLOSED_WEEKDAYS: 'sat,sun' };

describe('kaiheisen import: orders dated on a closed day', () => {
  it('says how many fall on closed days and on which work day each date is dispatched (text, dry run and JSON)', async () => {
    const file = writeVariant(dir, 'closed.csv', datedSample(['2030-03-02', '2030-03-02', '2030-12-31', '2030-03-05']));
    const expected = [
      '作業予定日に配らない作業が 3 件あります (休業日 3 件 / 過ぎた日付 0 件)。次の作業日の振り分けで「繰越」として配ります:',
      '  3月2日(土) (休業日) の 2 件 → 3月4日(月) に配ります',
      '  12月31日(火) (休業日) の 1 件 → 1月6日(月) に配ります',
    ];
    const dry = await runImport(t.url, [file, '--dry-run'], CLOSED);
    expect(dry).toMatchObject({ code: 0, err: '' });
    expect(dry.out.trimEnd().split('\n').slice(1)).toEqual(expected);
    const run = await runImport(t.url, [file], CLOSED);
    expect(run.out).toContain('新規 4 件');
    expect(run.out.trimEnd().split('\n').slice(1)).toEqual(expected);
    const stored = await t.db.read.workOrder.findMany({ select: { scheduledDate: true, status: true }, orderBy: { orderNo: 'asc' } });
    expect(stored.map((o) => o.scheduledDate)).toEqual(['2030-03-02', '2030-03-02', '2030-12-31', '2030-03-05']); // the bureau's date is kept

    // Updated to a closed day: told as well; JSON names the dates.
    const moved = writeVariant(dir, 'moved.csv', datedSample(['2030-03-02', '2030-03-02', '2030-12-31', '2030-03-09']));
    const json = JSON.parse((await runImport(t.url, [moved, '--json'], CLOSED)).out) as { updated: number; deferred: unknown[] };
    expect(json.updated).toBe(1);
    expect(json.deferred).toEqual([{ date: '2030-03-09', count: 1, closed: true, dispatchOn: '2030-03-11' }]);
  });

  it('says nothing when every order is on a work day still ahead; a weekday is a work day without CLOSED_WEEKDAYS', async () => {
    const file = writeVariant(dir, 'open.csv', datedSample(['2030-03-02', '2030-03-05']));
    const run = await runImport(t.url, [file]);
    expect(run.out.trimEnd().split('\n')).toHaveLength(1);
  });
});
