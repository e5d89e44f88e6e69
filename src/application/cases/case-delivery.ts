import { reached as isReached } from '../chat/delivery.ts';
import type { MessageView } from '../chat/view.ts';
import type { CaseDeps, CaseEventInput, CaseType } from './ports.ts';

export interface CaseMessage {
  personId: string;
  view: MessageView;
}

/**
 * Sends each message to its person (on the platform their staff record gives; a view with a key updates their
 * earlier message in place). Who could not be reached is logged and kept with the case as 'deliveryFailed'.
 * Returns the people reached.
 */
export async function deliverCase(
  deps: Pick<CaseDeps, 'gateway' | 'log' | 'logger' | 'clock'>,
  caseType: CaseType,
  caseId: number,
  messages: CaseMessage[],
): Promise<string[]> {
  const reached: string[] = [];
  const failed: CaseEventInput[] = [];
  for (const { personId, view } of messages) {
    const report = await deps.gateway.send({ personId }, view);
    if (isReached(report)) reached.push(personId);
    else if (report.failures.length > 0) {
      const reason = report.failures.map((f) => f.reason).join('; ');
      failed.push({ action: 'deliveryFailed', actorId: null, detail: { to: personId, key: view.key ?? null, reason } });
      deps.logger.warn('case message not delivered', { caseType, caseId, to: personId, reason });
    }
  }
  if (failed.length > 0) await deps.log.append(caseType, caseId, deps.clock.now(), failed);
  return reached;
}

export const uniq = (ids: (string | null | undefined)[]): string[] => [...new Set(ids.filter((id): id is string => !!id))];
