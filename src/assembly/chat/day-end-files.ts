import type { BureauFiles } from '../../application/day-end/ports.ts';
import type { ChatDirectory } from '../../application/chat/ports.ts';
import { t } from '../../templates.ts';
import { bureauTargets, deliverFile, type FileDeliveryDeps } from './report-files.ts';

export interface BureauFilesDeps extends FileDeliveryDeps {
  directory: Pick<ChatDirectory, 'bureauChannels'>;
}

/**
 * The approved 日報 PDF in the bureau channel, per platform (see deliverFile in report-files.ts):
 * - Slack: uploaded into the channel (files.uploadV2);
 * - console: written to <reportDir>/daily-YYYY-MM-DD.pdf and its path posted in the channel;
 * - Teams: a note with the `kaiheisen report daily` command that writes the same (stored, approved) PDF.
 */
export function createBureauFiles(deps: BureauFilesDeps): BureauFiles {
  return {
    async postPdf(file) {
      const pdf = {
        ...file,
        consoleNote: (path: string) => t('dayEnd.bureau.consolePdf', { path }),
        teamsNote: t('dayEnd.bureau.teamsPdf', { date: file.date }),
      };
      return deliverFile(deps, await bureauTargets(deps.directory), pdf, 'no bureau channel');
    },
  };
}
