import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BureauFiles, FileDelivery } from '../application/day-end/ports.ts';
import { plainView } from '../application/chat/dispatcher.ts';
import type { ChatDirectory, PlatformAdapter } from '../application/chat/ports.ts';
import type { Logger } from '../application/ports.ts';
import { t } from '../templates.ts';

/** A platform adapter that can put a file into a channel (the Slack adapter: files.uploadV2). */
interface FileUploader {
  uploadFile(channelRef: string, bytes: Uint8Array, filename: string, title: string): Promise<string[]>;
}

const canUpload = (adapter: PlatformAdapter): adapter is PlatformAdapter & FileUploader =>
  typeof (adapter as Partial<FileUploader>).uploadFile === 'function';

export interface BureauFilesDeps {
  adapters: PlatformAdapter[];
  directory: Pick<ChatDirectory, 'bureauChannels'>;
  /** Where the console writes the PDF (next to the database: <db folder>/reports). */
  reportDir: string;
  logger: Logger;
}

type PdfFile = Parameters<BureauFiles['postPdf']>[0];

/**
 * The approved 日報 PDF in the bureau channel, per platform:
 * - Slack: uploaded into the channel (files.uploadV2);
 * - console: written to <reportDir>/daily-YYYY-MM-DD.pdf and its path posted in the channel;
 * - Teams: a bot cannot attach a file to a channel message without Graph/SharePoint permissions, so the channel
 *   gets a note with the `kaiheisen report daily` command that writes the same (stored, approved) PDF.
 */
export function createBureauFiles(deps: BureauFilesDeps): BureauFiles {
  async function postOne(adapter: PlatformAdapter, channelRef: string, file: PdfFile): Promise<FileDelivery> {
    const channel = { kind: 'channel' as const, channelRef };
    if (canUpload(adapter)) {
      const ids = await adapter.uploadFile(channelRef, file.bytes, file.filename, file.title);
      return { platform: adapter.platform, ok: true, detail: `uploaded:${ids.join(',')}` };
    }
    if (adapter.platform === 'console') {
      mkdirSync(deps.reportDir, { recursive: true });
      const path = resolve(join(deps.reportDir, file.filename));
      writeFileSync(path, file.bytes);
      await adapter.post(channel, plainView(t('dayEnd.bureau.consolePdf', { path })));
      return { platform: 'console', ok: true, detail: `file:${path}` };
    }
    await adapter.post(channel, plainView(t('dayEnd.bureau.teamsPdf', { date: file.date })));
    return { platform: adapter.platform, ok: true, detail: 'cli-note' };
  }

  return {
    async postPdf(file) {
      const channels = await deps.directory.bureauChannels();
      const out: FileDelivery[] = [];
      for (const adapter of deps.adapters) {
        const channelRef = channels[adapter.platform];
        if (!channelRef) {
          out.push({ platform: adapter.platform, ok: false, detail: 'no bureau channel' });
          continue;
        }
        try {
          out.push(await postOne(adapter, channelRef, file));
        } catch (e) {
          const reason = e instanceof Error ? e.message : String(e);
          deps.logger.warn('daily report PDF not posted', { platform: adapter.platform, reason });
          out.push({ platform: adapter.platform, ok: false, detail: reason });
        }
      }
      return out;
    },
  };
}
