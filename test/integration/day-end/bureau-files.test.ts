import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../../src/adapters/console/console-adapter.ts';
import type { PlatformAdapter } from '../../../src/application/chat/ports.ts';
import { createBureauFiles } from '../../../src/application/day-end/bureau-files.ts';
import { recordingLogger, recordingPlatform, textOf, type Delivery } from '../../support/escalation-world.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const FILE = { bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46]), filename: 'daily-2026-03-27.pdf', title: '開閉栓業務 日報 3月27日(金)', date: '2026-03-27' };

describe('the approved PDF in the bureau channel', () => {
  it('uploads on Slack, writes the file and posts its path on the console, and gives Teams the CLI command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kaiheisen-files-'));
    dirs.push(dir);
    const uploads: { channel: string; filename: string; title: string; bytes: number }[] = [];
    const slack: PlatformAdapter = {
      ...recordingPlatform('slack', [], []),
      uploadFile: async (target, file) => {
        uploads.push({ channel: target.kind === 'channel' ? target.channelRef : target.userRef, filename: file.filename, title: file.title, bytes: file.bytes.length });
        return 'uploaded:F0001';
      },
    };
    const teamsLog: Delivery[] = [];
    const teams = recordingPlatform('teams', teamsLog, []);
    const console = createConsoleAdapter({ fileDir: join(dir, 'reports') });
    const files = createBureauFiles({
      adapters: [slack, teams, console],
      directory: { bureauChannels: async () => ({ slack: 'C0BUREAU', teams: '19:bureau', console: 'bureau' }) },
      logger: recordingLogger(),
    });
    const out = await files.postPdf(FILE);
    expect(uploads).toEqual([{ channel: 'C0BUREAU', filename: 'daily-2026-03-27.pdf', title: '開閉栓業務 日報 3月27日(金)', bytes: 4 }]);
    expect(textOf(teamsLog[0]!.view)).toContain('kaiheisen report daily --date 2026-03-27 --out 日報-2026-03-27.pdf');
    const path = join(dir, 'reports', 'daily-2026-03-27.pdf');
    expect([...readFileSync(path)]).toEqual([...FILE.bytes]);
    expect(console.messagesTo({ kind: 'channel', channelRef: 'bureau' })[0]!.text).toBe(`日報 PDF を保存しました: ${path}`);
    expect(out).toEqual([
      { platform: 'slack', ok: true, detail: 'uploaded:F0001' },
      { platform: 'teams', ok: true, detail: 'cli-note' },
      { platform: 'console', ok: true, detail: `file:${path}` },
    ]);
  });

  it('reports a platform without a bureau channel, or whose upload fails, without stopping the others', async () => {
    const failing = { ...recordingPlatform('slack', [], []), uploadFile: async () => Promise.reject(new Error('not_in_channel')) };
    const teams = recordingPlatform('teams', [], []);
    const files = createBureauFiles({
      adapters: [failing, teams],
      directory: { bureauChannels: async () => ({ slack: 'C0BUREAU' }) },
      logger: recordingLogger(),
    });
    expect(await files.postPdf(FILE)).toEqual([
      { platform: 'slack', ok: false, detail: 'not_in_channel' },
      { platform: 'teams', ok: false, detail: 'no bureau channel' },
    ]);
  });
});
