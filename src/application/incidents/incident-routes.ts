import type { RouteModule } from '../chat/routes/compose.ts';
import type { ChatTurn } from '../chat/dispatcher.ts';
import { acknowledgeIncident } from './acknowledge-incident.ts';
import { incidentReportForm, incidentResolveForm } from '../escalation/case-forms.ts';
import { formText, idFrom } from '../cases/case-text.ts';
import { INCIDENT_ACTIONS } from './incident-card.ts';
import type { IncidentDeps } from './incident-delivery.ts';
import { resolveOrderRef } from '../cases/order-ref.ts';
import { reportIncident } from './report-incident.ts';
import { reportTerminal } from './report-terminal.ts';
import { openedBy } from '../cases/open-case.ts';
import { incidentAuthorities, resolveIncident } from './resolve-incident.ts';
import { actorOf, attachmentsOf, respondOnce } from '../cases/route-helpers.ts';
import { t } from '../../templates.ts';
import { isAppError } from '../../errors.ts';


const DAMAGE: Record<string, boolean | null> = { yes: true, no: false, unknown: null };

const eventOf = (turn: ChatTurn) => (turn.eventId === undefined ? {} : { eventId: turn.eventId });

async function reportFromForm(deps: IncidentDeps, turn: ChatTurn, values: Record<string, string | string[] | undefined>): Promise<string> {
  const ref = formText(values, 'order');
  // A replayed submission is told again without resolving the order anew.
  const order = ref && !(await openedBy(deps.incidents, turn.eventId)) ? await resolveOrderRef(deps, ref, turn.person.id) : undefined;
  return reportIncident(deps, {
    ...eventOf(turn),
    actor: actorOf(turn),
    description: formText(values, 'what'),
    place: formText(values, 'where') || null,
    thirdPartyDamage: DAMAGE[formText(values, 'damage')] ?? null,
    orderNo: order?.orderNo ?? null,
    attachments: attachmentsOf(turn),
  });
}

/** 事故等: report (form or text), 受領 per person, 対応完了 with the resolution. */
export function incidentRoutes(deps: IncidentDeps): RouteModule {
  return {
    name: 'incidents',
    buttons: {
      [INCIDENT_ACTIONS.ack]: (turn, value) =>
        respondOnce(turn, async () => {
          const id = idFrom(value, 'incidentId');
          return id ? acknowledgeIncident(deps, actorOf(turn), id, turn.eventId) : t('chat.unknownAction');
        }),
    },
    formOpeners: {
      [INCIDENT_ACTIONS.report]: async () => incidentReportForm(),
      [INCIDENT_ACTIONS.resolve]: async (person, value) => {
        const id = idFrom(value, 'incidentId');
        const incident = id ? await deps.incidents.get(id) : undefined;
        return incident && (await incidentAuthorities(deps, incident)).has(person.id) ? incidentResolveForm(incident.id) : undefined;
      },
    },
    forms: {
      [INCIDENT_ACTIONS.report]: (turn, _state, values) => respondOnce(turn, () => reportFromForm(deps, turn, values)),
      [INCIDENT_ACTIONS.resolve]: (turn, state, values) =>
        respondOnce(turn, async () => {
          const id = idFrom(state, 'incidentId');
          return id ? resolveIncident(deps, actorOf(turn), id, formText(values, 'resolution'), turn.eventId) : t('chat.unknownAction');
        }),
    },
  };
}

/**
 * The order an incident typed as text names, when it can be found; an unknown or ambiguous reference does not stop
 * the report (an incident is never lost): it stays in the description, unlinked. A replayed event resolves nothing.
 */
async function linkedOrder(deps: IncidentDeps, turn: ChatTurn, ref: string | null): Promise<string | null> {
  if (!ref || (await openedBy(deps.incidents, turn.eventId))) return null;
  try {
    return (await resolveOrderRef(deps, ref, turn.person.id)).orderNo;
  } catch (e) {
    if (!isAppError(e)) throw e;
    deps.logger.info('incident order reference not resolved, reported unlinked', { ref });
    return null;
  }
}

/**
 * 事故 typed as text, wherever it stands (「事故 0032 …」「0032 事故 …」「…で事故がありました」): reported at once
 * with the text as its description and the named order linked; 「事故」 alone opens the form. A mention that reports
 * none (「事故なし」「事故はありません」) is read as what else it says. The chat surface recognises it before any
 * result, so that an incident is never read as a result, a result's answer or a memo.
 */
export function incidentTextRoutes(deps: IncidentDeps): RouteModule {
  return {
    name: 'incident-text',
    intents: {
      incident: async (turn, { read, withResult }) => {
        if (read.kind === 'form') return turn.openForm(incidentReportForm());
        await respondOnce(turn, async () => {
          const orderNo = await linkedOrder(deps, turn, read.orderRef);
          const description = orderNo || !read.orderRef || read.description.includes(read.orderRef) ? read.description : `${read.orderRef} ${read.description}`;
          const input = { actor: actorOf(turn), description, place: null, thirdPartyDamage: null, orderNo, attachments: attachmentsOf(turn), ...eventOf(turn) };
          const answer = await reportIncident(deps, input);
          return withResult ? `${answer}\n${t('escalation.incident.resultNotRecorded')}` : answer;
        });
      },
      terminal: async (turn, { read, withResult }) => {
        await respondOnce(turn, async () => {
          // The contractor's work terminals (spec 6(3)): the bureau's own staff report nothing as the contractor.
          if (turn.person.affiliation !== 'contractor') return t('terminal.onlyContractor');
          const answer = await reportTerminal(deps, { actor: actorOf(turn), read, orderNo: null, attachments: attachmentsOf(turn), ...eventOf(turn) });
          return withResult ? `${answer}\n${t('terminal.resultNotRecorded')}` : answer;
        });
      },
    },
  };
}
