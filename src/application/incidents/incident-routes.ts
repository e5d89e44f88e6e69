import type { RouteModule } from '../chat/routes/compose.ts';
import type { ChatTurn } from '../chat/dispatcher.ts';
import { acknowledgeIncident } from './acknowledge-incident.ts';
import { incidentReportForm, incidentResolveForm } from '../escalation/case-forms.ts';
import { formText, idFrom } from '../cases/case-text.ts';
import { INCIDENT_ACTIONS } from './incident-card.ts';
import type { IncidentDeps } from './incident-delivery.ts';
import { resolveOrderRef } from '../cases/order-ref.ts';
import { reportIncident } from './report-incident.ts';
import { openedBy } from '../cases/open-case.ts';
import { incidentAuthorities, resolveIncident } from './resolve-incident.ts';
import { actorOf, attachmentsOf, respondOnce } from '../cases/route-helpers.ts';
import { t } from '../../templates.ts';

/** 「事故」 alone opens the form; 「事故 …」 reports at once with what follows as the description. */
const INCIDENT_TEXT = /^(?:事故|事故報告|事故発生)(?:[\s:：、,。]+([\s\S]+))?$/u;

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
    text: [
      async (turn, text) => {
        const m = INCIDENT_TEXT.exec(text.normalize('NFKC').trim());
        if (!m) return false;
        const description = m[1]?.trim();
        if (!description) {
          await turn.openForm(incidentReportForm());
          return true;
        }
        const input = { actor: actorOf(turn), description, place: null, thirdPartyDamage: null, orderNo: null, attachments: attachmentsOf(turn), ...eventOf(turn) };
        await respondOnce(turn, () => reportIncident(deps, input));
        return true;
      },
    ],
  };
}
