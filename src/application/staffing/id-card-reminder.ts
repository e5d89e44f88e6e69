import { isOnStaffOn } from '../../domain/staffing/availability.ts';
import { idCardStatus, needsAttention, type IdCardStatus } from '../../domain/staffing/id-card.ts';
import type { StaffPerson } from '../../domain/staffing/staff-person.ts';
import type { ChatGateway } from '../chat/delivery.ts';
import type { MessageView } from '../chat/view.ts';
import type { Logger } from '../ports.ts';
import type { StaffReader } from './ports.ts';
import { t, templateText } from '../../templates.ts';

export interface IdCardNotice {
  person: StaffPerson;
  status: IdCardStatus;
}

export interface IdCardReminderDeps {
  staff: Pick<StaffReader, 'listPeople'>;
  gateway: Pick<ChatGateway, 'send'>;
  logger: Logger;
}

/**
 * Cards needing action on the date (spec 9(4)): people who left and still hold their card, expired cards,
 * cards expiring within ID_CARD_WARNING_DAYS. Returned cards and people without a card are left out.
 */
export function idCardNotices(people: StaffPerson[], date: string): IdCardNotice[] {
  return people
    .map((person) => ({ person, status: idCardStatus(person.idCard, isOnStaffOn(person, date), date) }))
    .filter((n) => needsAttention(n.status));
}

/** Lines of the reminder, one per card (Japanese). */
export function idCardLines(notices: IdCardNotice[]): string[] {
  return notices.map(({ person: p, status }) =>
    templateText(`access.idCards.${status.state}`, {
      id: p.id,
      name: p.name,
      number: p.idCard?.number ?? '',
      expiresOn: p.idCard?.expiresOn ?? '',
      days: status.daysLeft ?? '',
    }),
  );
}

export function idCardView(date: string, notices: IdCardNotice[]): MessageView {
  const lines = notices.length > 0 ? idCardLines(notices) : [t('access.idCards.allClear')];
  return {
    key: `idcards:${date}`,
    summary: t('access.idCards.header', { date }),
    blocks: [
      { type: 'header', text: t('access.idCards.header', { date }) },
      { type: 'text', text: lines.join('\n') },
      { type: 'context', text: t('access.idCards.footer') },
    ],
  };
}

/**
 * Reminds every active admin in chat, as the keyed message `idcards:${date}` (updated in place when sent again
 * that day). Nothing is sent on a day without any card to act on, unless a message of that day exists to clear.
 */
export async function remindIdCards(deps: IdCardReminderDeps, date: string, opts: { evenIfClear?: boolean } = {}): Promise<number> {
  const people = await deps.staff.listPeople();
  const notices = idCardNotices(people, date);
  if (notices.length === 0 && !opts.evenIfClear) return 0;
  const admins = people.filter((p) => p.active && p.isAdmin);
  const view = idCardView(date, notices);
  let delivered = 0;
  for (const admin of admins) {
    const report = await deps.gateway.send({ personId: admin.id }, view);
    delivered += report.delivered.length + (report.queued?.length ?? 0);
  }
  deps.logger.info('id card reminder sent', { date, cards: notices.length, admins: admins.length, delivered });
  return notices.length;
}
