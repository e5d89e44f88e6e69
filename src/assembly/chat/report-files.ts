import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../../config.ts';
import { sqlitePathFromUrl } from '../../adapters/db/database.ts';
import { plainView } from '../../application/chat/dispatcher.ts';
import type { ChatDirectory, PlatformAdapter, PlatformTarget } from '../../application/chat/ports.ts';
import type { Platform } from '../../application/chat/view.ts';
import type { FileDelivery } from '../../application/day-end/ports.ts';
import type { Logger } from '../../application/ports.ts';
import type { OutgoingFile, ReportFiles } from '../../application/reports/report-delivery.ts';

/** A platform adapter that can put a file into a channel or a DM (the Slack adapter: files.uploadV2). */
interface FileUploader {
  uploadFile(channelRef: string, bytes: Uint8Array, filename: string, title: string): Promise<string[]>;
}

const canUpload = (adapter: PlatformAdapter): adapter is PlatformAdapter & FileUploader =>
  typeof (adapter as Partial<FileUploader>).uploadFile === 'function';

export interface FileDeliveryDeps {
  adapters: PlatformAdapter[];
  /** Where the console writes the files (next to the database: <db folder>/reports, see reportDirOf). */
  reportDir: string;
  logger: Logger;
}

/** <db folder>/reports: where the console bot writes the files it hands out. */
export function reportDirOf(config: Pick<Config, 'databaseUrl'>): string {
  return join(dirname(sqlitePathFromUrl(config.databaseUrl)), 'reports');
}

const refOf = (target: PlatformTarget) => (target.kind === 'user' ? target.userRef : target.channelRef);

/**
 * One file to one recipient on one platform:
 * - Slack: uploaded into the channel or the DM (files.uploadV2);
 * - console: written to <reportDir>/<filename>, and the path posted to the recipient;
 * - Teams: a bot cannot attach a file without Graph/SharePoint permissions, so the recipient gets the file's
 *   Teams note (the CLI command that writes the same file).
 */
async function deliverOne(deps: FileDeliveryDeps, adapter: PlatformAdapter, target: PlatformTarget, file: OutgoingFile): Promise<FileDelivery> {
  if (canUpload(adapter)) {
    const ids = await adapter.uploadFile(refOf(target), file.bytes, file.filename, file.title);
    return { platform: adapter.platform, ok: true, detail: `uploaded:${ids.join(',')}` };
  }
  if (adapter.platform === 'console') {
    mkdirSync(deps.reportDir, { recursive: true });
    const path = resolve(join(deps.reportDir, file.filename));
    writeFileSync(path, file.bytes);
    await adapter.post(target, plainView(file.consoleNote(path)));
    return { platform: 'console', ok: true, detail: `file:${path}` };
  }
  await adapter.post(target, plainView(file.teamsNote));
  return { platform: adapter.platform, ok: true, detail: 'cli-note' };
}

/** The file on every adapter that has a target; `missing` is the detail of one that has none. A failure stops no other. */
export async function deliverFile(
  deps: FileDeliveryDeps,
  targets: Partial<Record<Platform, PlatformTarget>>,
  file: OutgoingFile,
  missing: string,
): Promise<FileDelivery[]> {
  const out: FileDelivery[] = [];
  for (const adapter of deps.adapters) {
    const target = targets[adapter.platform];
    if (!target) {
      out.push({ platform: adapter.platform, ok: false, detail: missing });
      continue;
    }
    try {
      out.push(await deliverOne(deps, adapter, target, file));
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      deps.logger.warn('report file not posted', { platform: adapter.platform, filename: file.filename, reason });
      out.push({ platform: adapter.platform, ok: false, detail: reason });
    }
  }
  return out;
}

type Refs = Partial<Record<Platform, string>>;
const asTargets = (refs: Refs, kind: PlatformTarget['kind']): Partial<Record<Platform, PlatformTarget>> =>
  Object.fromEntries(
    Object.entries(refs)
      .filter((entry): entry is [string, string] => Boolean(entry[1]))
      .map(([platform, ref]) => [platform, kind === 'user' ? { kind, userRef: ref } : { kind, channelRef: ref }]),
  );

/** The bureau channel per platform as delivery targets. */
export async function bureauTargets(directory: Pick<ChatDirectory, 'bureauChannels'>) {
  return asTargets(await directory.bureauChannels(), 'channel');
}

/** Report files to the bureau channel or to a person's DM on each platform (the monthly report, staffing documents). */
export function createReportFiles(deps: FileDeliveryDeps & { directory: Pick<ChatDirectory, 'bureauChannels' | 'identitiesOf'> }): ReportFiles {
  return {
    async deliver(to, file) {
      if ('channel' in to) return deliverFile(deps, await bureauTargets(deps.directory), file, 'no bureau channel');
      return deliverFile(deps, asTargets(await deps.directory.identitiesOf(to.personId), 'user'), file, 'no chat identity');
    },
  };
}
