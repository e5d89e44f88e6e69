import { isIsoDate } from '../../domain/calendar/local-time.ts';
import { t, templateText } from '../../templates.ts';
import type { ChatTurn } from '../chat/dispatcher.ts';
import type { ChatPerson } from '../chat/ports.ts';
import type { RouteModule } from '../chat/routes/compose.ts';
import type { IntentHandler } from '../chat/intents/intent.ts';
import type { FormView } from '../chat/view.ts';
import { getAfterHoursRoster } from '../staffing/get-after-hours-roster.ts';
import { overrideAfterHours } from '../staffing/override-after-hours.ts';
import { acknowledgeComplaint } from './acknowledge-complaint.ts';
import { COMPLAINT_ACTIONS, complaintIdFrom, complaintValue } from './complaint-card.ts';
import { mayAct, nameLookup, nightAt, peopleOf } from './complaint-record.ts';
import type { ComplaintDeps } from './ports.ts';
import { receiveComplaint, type ReceivedComplaint } from './receive-complaint.ts';
import { parseResolvedAt, resolveComplaint } from './resolve-complaint.ts';
import { respondOnce } from '../chat/respond.ts';

const OVERRIDE = /^当番交代\s+(\S+)\s+(\S+)(?:\s+(\S+))?\s*$/u;
const TONIGHT = ['今夜', '今日', 'こんや', 'きょう'];


const actorOf = (turn: ChatTurn) => ({ actorId: turn.person.id, channel: turn.envelope.platform });
const mayReport = (turn: ChatTurn) => turn.envelope.inChannel === true || turn.person.affiliation === 'bureau' || turn.person.canSupervise || turn.person.isAdmin;
const maySwapRoster = (p: ChatPerson) => p.canSupervise || p.isAdmin;

function formText(values: Record<string, string | string[] | undefined>, id: string): string {
  const v = values[id];
  return (Array.isArray(v) ? v.join(' ') : (v ?? '')).trim();
}

export function resolutionForm(complaintId: number): FormView {
  const f = (key: string) => templateText(`complaint.resolveForm.${key}`);
  return {
    formId: COMPLAINT_ACTIONS.resolve,
    title: t('complaint.resolveForm.title', { id: complaintId }),
    submitLabel: f('submit'),
    state: complaintValue(complaintId),
    fields: [
      { id: 'found', label: f('found'), type: 'textarea', required: true, hint: f('foundHint') },
      { id: 'done', label: f('done'), type: 'textarea', required: true, hint: f('doneHint') },
      { id: 'at', label: f('at'), type: 'text', required: false, hint: f('atHint') },
    ],
  };
}

async function receivedText(deps: ComplaintDeps, r: ReceivedComplaint): Promise<string> {
  const c = r.complaint;
  const nameOf = nameLookup(await peopleOf(deps));
  const order = c.order ? t('complaint.chat.linked', { orderNo: c.order.orderNo, date: c.order.scheduledDate }) : t('complaint.chat.notLinked');
  const paged = c.pages.findLast((p) => p.outcome === 'sending' || p.outcome === 'sent');
  const mode =
    r.mode === 'paging'
      ? t('complaint.chat.paging', { name: paged ? nameOf(paged.personId) : t('complaint.nobody') })
      : t('complaint.chat.notified', { names: c.recipients.map(nameOf).join('、') || t('complaint.nobody') });
  return [t('complaint.chat.received', { id: c.id }), order, mode].join('\n');
}

/** The replay of a 当番交代 that was applied before a crash answers with the night it changed (今夜 may be past). */
async function swapRoster(deps: ComplaintDeps, turn: ChatTurn, m: RegExpExecArray): Promise<string> {
  const staff = deps.staffStore;
  if (!maySwapRoster(turn.person) || !staff) return t('complaint.chat.overrideNotAllowed');
  const before = turn.eventId === undefined ? undefined : await staff.rosterOverrideOfEvent(turn.eventId);
  const date = before?.date ?? (TONIGHT.includes(m[1]!) ? nightAt(deps, deps.clock.now()) : m[1]!);
  if (!isIsoDate(date)) return t('complaint.chat.overrideUsage');
  const actor = { actorId: turn.person.id, channel: turn.envelope.platform };
  const night = before
    ? await getAfterHoursRoster({ staff }, date)
    : await overrideAfterHours(
        { staff },
        { date, personId: m[2]!, replacesPersonId: m[3] ?? null, note: null, actor, ...(turn.eventId === undefined ? {} : { sourceEventId: turn.eventId }) },
      );
  return t('complaint.chat.overrideDone', { date, names: night.members.map((p) => p.name).join(' → ') || t('complaint.nobody') });
}

/** 苦情 …: a complaint typed in the bureau channel (or by a bureau person, a supervisor, an admin). */
function complaintText(deps: ComplaintDeps): IntentHandler<'complaint'> {
  return async (turn, { command }) => {
    await respondOnce(turn, async () => {
      if (!mayReport(turn)) return t('complaint.chat.reportNotAllowed');
      if (!command.address && !command.customerNumber) return t('complaint.chat.usage');
      const input = { ...command, description: command.description || t(`complaint.kind.${command.kind}`) };
      const source = turn.eventId === undefined ? {} : { eventId: turn.eventId };
      return receivedText(deps, await receiveComplaint(deps, { ...input, via: 'chat', actor: { actorId: turn.person.id, channel: turn.envelope.platform }, ...source }));
    });
  };
}

/** 当番交代 YYYY-MM-DD|今夜 ID [replacedID]. */
function overrideText(deps: ComplaintDeps): IntentHandler<'roster.swap'> {
  return async (turn, { text }) => {
    const m = OVERRIDE.exec(text.normalize('NFKC').trim());
    await respondOnce(turn, async () => (m ? swapRoster(deps, turn, m) : t('complaint.chat.overrideUsage')));
  };
}

/**
 * 苦情 in the bureau channel (or by a bureau person or supervisor), 当番交代 by a supervisor or admin, and the card's
 * 対応します / 解決報告.
 */
export function complaintRoutes(deps: ComplaintDeps): RouteModule {
  const byId = (run: (turn: ChatTurn, id: number) => Promise<string>) => (turn: ChatTurn, value: string) =>
    respondOnce(turn, async () => {
      const id = complaintIdFrom(value);
      return id ? run(turn, id) : t('chat.unknownAction');
    });
  const resolveFromForm = (values: Record<string, string | string[] | undefined>) => async (turn: ChatTurn, id: number) => {
    const input = { findings: formText(values, 'found'), actionTaken: formText(values, 'done'), resolvedAt: parseResolvedAt(formText(values, 'at'), deps.clock.now()) };
    return (await resolveComplaint(deps, actorOf(turn), id, input, turn.eventId)).message;
  };
  return {
    name: 'complaints',
    buttons: { [COMPLAINT_ACTIONS.ack]: byId(async (turn, id) => (await acknowledgeComplaint(deps, actorOf(turn), id, turn.eventId)).message) },
    formOpeners: {
      [COMPLAINT_ACTIONS.resolve]: async (person, value) => {
        const id = complaintIdFrom(value);
        const c = id ? await deps.complaints.get(id) : undefined;
        return c && c.state !== 'resolved' && mayAct(c, (await peopleOf(deps)).get(person.id)) ? resolutionForm(c.id) : undefined;
      },
    },
    forms: { [COMPLAINT_ACTIONS.resolve]: (turn, state, values) => byId(resolveFromForm(values))(turn, state) },
    intents: { complaint: complaintText(deps), 'roster.swap': overrideText(deps) },
  };
}
