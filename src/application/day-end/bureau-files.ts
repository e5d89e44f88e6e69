import type { BureauFiles } from './ports.ts';
import type { ChatDirectory } from '../chat/ports.ts';
import { t } from '../../templates.ts';
import { bureauTargets, deliverFile, type FileDeliveryDeps } from '../chat/file-delivery.ts';

export interface BureauFilesDeps extends FileDeliveryDeps {
  directory: Pick<ChatDirectory, 'bureauChannels'>;
}

/**
 * The approved 日報 PDF in the bureau channel, per platform (see deliverFile in chat/file-delivery.ts): uploaded where
 * the platform can (Slack; the console saves it and posts the path), else the `kaiheisen report daily` command that
 * writes the same (stored, approved) PDF (Teams).
 */
export function createBureauFiles(deps: BureauFilesDeps): BureauFiles {
  return {
    async postPdf(file) {
      const pdf = {
        ...file,
        savedNote: (path: string) => t('dayEnd.bureau.consolePdf', { path }),
        commandNote: t('dayEnd.bureau.teamsPdf', { date: file.date }),
      };
      return deliverFile(deps, await bureauTargets(deps.directory), pdf, 'no bureau channel');
    },
  };
}
