import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/adapters/clock/clocks.ts';
import { register as registerBackup } from '../../../src/cli/commands/backup.ts';
import { register as registerPurge } from '../../../src/cli/commands/purge.ts';
import { runCommand, testContext } from '../../support/command-runner.ts';
import { addAdmin, asOperator } from '../../support/operator.ts';
import { pdfText } from '../../support/pdf-text.ts';
import { encryptedTempDatabase } from '../../support/test-cipher.ts';
import type { TempDatabase } from '../../support/temp-db.ts';

/** The disposal record names the backups that still hold what the purge deleted (annex art. 12(2)). */
let temp: TempDatabase | undefined;
afterEach(async () => {
  await temp?.dispose();
  temp = undefined;
});

async function recordOf(dir: string, stamp: string): Promise<{ pdf: string; csv: string }> {
  const pdf = await pdfText(new Uint8Array(readFileSync(join(dir, `disposal-${stamp}.pdf`))));
  return { pdf: pdf.replaceAll('\n', ''), csv: readFileSync(join(dir, `disposal-${stamp}.csv`), 'utf8') };
}

describe('purge and the backups made before it', () => {
  it('lists each backup still there (in the folder or written elsewhere), and none once nothing is deleted', async () => {
    temp = await encryptedTempDatabase();
    const { db, dir } = temp;
    await db.write((tx) => tx.workOrder.create({ data: { orderNo: 'old-1', kind: 'close', scheduledDate: '2026-01-10', address: '金沢市', town: '町', contentHash: 'h' } }));
    const clock = new VirtualClock('2026-03-20T01:00:00Z');
    const ctx = await asOperator(testContext(db, clock), await addAdmin(db));
    expect((await runCommand(registerBackup, ['backup'], ctx)).err).toBe('');
    clock.set('2026-03-25T05:30:00Z');
    mkdirSync(join(dir, 'usb'));
    const elsewhere = join(dir, 'usb', 'before-purge.db.enc');
    expect((await runCommand(registerBackup, ['backup', '--out', elsewhere], ctx)).err).toBe('');
    clock.set('2026-03-26T05:30:00Z');
    const gone = join(dir, 'usb', 'deleted.db.enc');
    await runCommand(registerBackup, ['backup', '--out', gone], ctx);
    rmSync(gone);

    clock.set('2026-03-28T00:00:00Z');
    const out = join(dir, 'disposal');
    const run = await runCommand(registerPurge, ['purge', '--before', '2026-03-01', '--out', out], ctx);
    expect(run.err).toBe('');
    expect(run.out).toContain('バックアップ 2 件には消去したデータが残っています');
    expect(run.out).toContain(`  ・${join(dir, 'backups', 'kaiheisen-20260320-100000.db.enc')} (令和8年3月20日 10:00 作成)\n`);
    expect(run.out).toContain(`  ・${elsewhere} (令和8年3月25日 14:30 作成)\n`);
    expect(run.out).not.toContain('deleted.db.enc');
    const first = await recordOf(out, '20260328090000');
    expect(first.pdf).toContain('バックアップ 2 件には、消去したデータが残っています');
    expect(first.pdf).toContain('kaiheisen-20260320-100000.db.enc (令和8年3月20日 10:00 作成)');
    expect(first.pdf).toContain('before-purge.db.enc (令和8年3月25日 14:30 作成)');
    expect(first.pdf).toContain('保存期間 (日次 14 世代)');
    expect(first.csv).toContain(`・${elsewhere} (令和8年3月25日 14:30 作成)`);
    const stored = JSON.parse((await db.read.report.findFirstOrThrow({ where: { kind: 'disposal' } })).content);
    expect(stored.backups).toMatchObject({ count: 2, files: [{ madeAt: '2026-03-20 10:00' }, { file: elsewhere, madeAt: '2026-03-25 14:30' }] });

    // Nothing older is left: the next purge deletes nothing, so no backup holds anything it deleted.
    clock.set('2026-03-28T00:01:00Z');
    const again = await runCommand(registerPurge, ['purge', '--before', '2026-03-01', '--out', out], ctx);
    expect(again.out).not.toContain('バックアップ');
    expect((await recordOf(out, '20260328090100')).pdf).toContain('消去したデータを含むバックアップはありません');
    expect(readdirSync(out)).toHaveLength(4);
  });
});
