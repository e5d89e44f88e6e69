import type { ChatFile } from '../chat/ports.ts';
import type { FileDelivery } from '../day-end/ports.ts';
import type { Logger } from '../ports.ts';

/** Who gets a report file: the bureau channel, or one person (a DM). */
export type FileRecipient = { channel: 'bureau' } | { personId: string };

/** A file the bot hands out, with what a platform that cannot carry it says instead. */
export interface OutgoingFile extends ChatFile {
  /** A platform without file upload (Teams: a bot cannot attach one): the recipient gets this, the CLI command that writes it. */
  commandNote: string;
}

/** Puts a file in front of a recipient on every enabled platform, as far as the platform allows. */
export interface ReportFiles {
  deliver(to: FileRecipient, file: OutgoingFile): Promise<FileDelivery[]>;
}

export interface FileDeliveryOutcome {
  recipient: string;
  filename: string;
  deliveries: FileDelivery[];
}

/** Every file to every recipient; a recipient nobody could reach is logged, the others still get theirs. */
export async function deliverToAll(
  deps: { files: ReportFiles; logger: Logger },
  recipients: FileRecipient[],
  files: OutgoingFile[],
): Promise<FileDeliveryOutcome[]> {
  const out: FileDeliveryOutcome[] = [];
  for (const to of recipients) {
    const recipient = 'personId' in to ? to.personId : to.channel;
    for (const file of files) {
      const deliveries = await deps.files.deliver(to, file);
      if (!deliveries.some((d) => d.ok)) {
        deps.logger.warn('report file not delivered', { recipient, filename: file.filename, reason: deliveries.map((d) => `${d.platform}: ${d.detail}`).join('; ') });
      }
      out.push({ recipient, filename: file.filename, deliveries });
    }
  }
  return out;
}
