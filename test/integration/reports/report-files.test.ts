import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../../src/adapters/console/console-adapter.ts';
import type { PlatformAdapter } from '../../../src/application/chat/ports.ts';
import type { OutgoingFile } from '../../../src/application/reports/report-delivery.ts';
import { createReportFiles } from '../../../src/application/chat/file-delivery.ts';
import { recordingLogger, recordingPlatform, textOf, type Delivery } from '../../support/escalation-world.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const FILE: OutgoingFile = {
  bytes: new TextEncoder().encode('\uFEFF日付,件数\r\n'),
  filename: 'monthly-2026-03.csv',
  title: '開閉栓作業月報 集計 CSV 令和8年3月分',
  savedNote: (path) => `CSV: ${path}`,
  commandNote: 'kaiheisen report monthly --month 2026-03',
};

describe('report files to a person or the bureau channel', () => {
  it("uploads into the person's Slack DM, writes the file for the console user, and gives Teams user the note", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-report-files-'));
    dirs.push(dir);
    const uploads: { ref: string; filename: string; bytes: number }[] = [];
    const slack: PlatformAdapter = {
      ...recordingPlatform('slack', [], []),
      uploadFile: async (target, file) => {
        uploads.push({ ref: target.kind === 'user' ? target.userRef : target.channelRef, filename: file.filename, bytes: file.bytes.length });
        return 'uploaded:F0002';
      },
    };
    const teamsLog: Delivery[] = [];
    const console = createConsoleAdapter({ fileDir: join(dir, 'reports') });
    const files = createReportFiles({
      adapters: [slack, recordingPlatform('teams', teamsLog, []), console],
      directory: {
        bureauChannels: async () => ({ slack: 'C0BUREAU' }),
        identitiesOf: async (id) => (id === 'w01' ? { slack: 'U0W01', teams: 'aad-w01', console: 'w01' } : {}),
      },
      logger: recordingLogger(),
    });
    const out = await files.deliver({ personId: 'w01' }, FILE);
    const path = join(dir, 'reports', 'monthly-2026-03.csv');
    expect(uploads).toEqual([{ ref: 'U0W01', filename: 'monthly-2026-03.csv', bytes: FILE.bytes.length }]);
    expect(teamsLog[0]!.to).toBe('aad-w01');
    expect(textOf(teamsLog[0]!.view)).toBe('kaiheisen report monthly --month 2026-03');
    expect([...readFileSync(path).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(console.messagesTo({ kind: 'user', userRef: 'w01' })[0]!.text).toBe(`CSV: ${path}`);
    expect(out.map((d) => d.detail)).toEqual(['uploaded:F0002', 'cli-note', `file:${path}`]);

    expect(await files.deliver({ personId: 'nobody' }, FILE)).toEqual([
      { platform: 'slack', ok: false, detail: 'no chat identity' },
      { platform: 'teams', ok: false, detail: 'no chat identity' },
      { platform: 'console', ok: false, detail: 'no chat identity' },
    ]);
    expect((await files.deliver({ channel: 'bureau' }, FILE)).map((d) => d.detail)).toEqual(['uploaded:F0002', 'no bureau channel', 'no bureau channel']);
    expect(uploads.at(-1)!.ref).toBe('C0BUREAU');
  });
});
