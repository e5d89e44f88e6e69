import type { Clock, Logger } from '../ports.ts';
import { t } from '../../templates.ts';
import { tokyoDateTime } from '../../domain/reports/monthly-cases.ts';
import type { ChatGateway, Recipient } from './delivery.ts';
import type { ParkedEvent } from './inbox.ts';
import type { ChatDirectory, ChatPerson, InboundEnvelope } from './ports.ts';
import type { MessageView } from './view.ts';

export interface InboxAlertDeps {
  gateway: Pick<ChatGateway, 'send'>;
  directory: Pick<ChatDirectory, 'personByIdentity'>;
  /** Active people (the admins among them are alerted). */
  people(): Promise<ChatPerson[]>;
  clock: Clock;
  logger: Logger;
  /** At most one store-failure alarm per this many ms (a full disk fails every event). Default 15 min. */
  alarmEveryMs?: number;
}

const view = (text: string): MessageView => ({ summary: text, blocks: [{ type: 'text', text }] });

function senderOf(envelope: InboundEnvelope): Recipient {
  if (envelope.inChannel && envelope.conversationRef) {
    return { platform: envelope.platform, target: { kind: 'channel', channelRef: envelope.conversationRef } };
  }
  return { platform: envelope.platform, target: { kind: 'user', userRef: envelope.userRef } };
}

/**
 * Who hears about inbox faults: the sender of a parked event (once) and every active admin (once per parked event);
 * the admins again when events cannot be stored at all (throttled). Admin texts carry ids, never message text.
 */
export function createInboxAlerts(deps: InboxAlertDeps) {
  const alarmEveryMs = deps.alarmEveryMs ?? 15 * 60_000;
  let lastAlarm: number | undefined;

  async function toAdmins(text: string): Promise<number> {
    const admins = (await deps.people()).filter((p) => p.active && p.isAdmin);
    if (admins.length === 0) deps.logger.warn('no active admin to alert');
    for (const admin of admins) {
      const report = await deps.gateway.send({ personId: admin.id }, view(text));
      if (report.delivered.length === 0) deps.logger.warn('admin not reached', { personId: admin.id, reasons: report.failures.map((f) => f.reason).join('; ') });
    }
    return admins.length;
  }

  async function parked(event: ParkedEvent): Promise<void> {
    const time = tokyoDateTime(event.envelope.receivedAt);
    await deps.gateway.send(senderOf(event.envelope), view(t('inbox.parked.sender', { time })));
    const person = await deps.directory.personByIdentity(event.envelope.platform, event.envelope.userRef);
    const who = person?.id ?? t('inbox.parked.unknownSender');
    await toAdmins(t('inbox.parked.admin', { id: event.id, time, who, platform: event.envelope.platform, attempts: event.attempts }));
  }

  /** Synchronous for the ack path: the alarm goes out in the background. */
  function storeFailed(): void {
    const now = deps.clock.now().getTime();
    if (lastAlarm !== undefined && now - lastAlarm < alarmEveryMs) return;
    lastAlarm = now;
    void toAdmins(t('inbox.storeAlarm', { time: tokyoDateTime(new Date(now)) })).catch((e: unknown) =>
      deps.logger.error('store-failure alarm not sent', { error: e instanceof Error ? e.message : String(e) }),
    );
  }

  return { parked, storeFailed };
}
