import type { ChatDirectory, PlatformAdapter, PlatformTarget } from './ports.ts';
import type { Platform } from './view.ts';
import { plainView } from './dispatcher.ts';
import type { FileDelivery } from '../day-end/ports.ts';
import type { Logger } from '../ports.ts';
import type { OutgoingFile, ReportFiles } from '../reports/report-delivery.ts';

export interface FileDeliveryDeps {
  adapters: PlatformAdapter[];
  logger: Logger;
}

/**
 * One file to one recipient on one platform: uploaded where the platform can (its `uploadFile`: Slack's
 * files.uploadV2, the console's saved file), else the file's note (the CLI command that writes the same file).
 */
async function deliverOne(adapter: PlatformAdapter, target: PlatformTarget, file: OutgoingFile): Promise<FileDelivery> {
  if (adapter.uploadFile) return { platform: adapter.platform, ok: true, detail: await adapter.uploadFile(target, file) };
  await adapter.post(target, plainView(file.commandNote));
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
      out.push(await deliverOne(adapter, target, file));
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
