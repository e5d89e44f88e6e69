import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { t } from '../../templates.ts';
import { plainView } from '../chat/dispatcher.ts';
import type { RouteModule } from '../chat/routes/compose.ts';
import { formText, idFrom } from '../cases/case-text.ts';
import { splitOrderRefs } from '../cases/order-ref.ts';
import { actorOf, respondOnce } from '../cases/route-helpers.ts';
import { decideOvertime } from './decide-overtime.ts';
import { overtimeRequestForm } from './overtime-form.ts';
import { OVERTIME_ACTIONS, type OvertimeDeps } from './overtime-record.ts';
import { requestOvertime } from './request-overtime.ts';


function decision(deps: OvertimeDeps, approve: boolean) {
  return (turn: Parameters<typeof actorOf>[0], value: string) =>
    respondOnce(turn, async () => {
      const id = idFrom(value, 'requestId');
      return id ? decideOvertime(deps, actorOf(turn), id, approve, turn.eventId) : t('chat.unknownAction');
    });
}

/** 時間外作業の了承: the supervisor's request (「時間外」 or the form), the bureau's 承認 / 却下. */
export function overtimeRoutes(deps: OvertimeDeps): RouteModule {
  const isSupervisorToday = async (personId: string) => (await deps.directory.supervisorsOn(tokyoDate(deps.clock.now()))).includes(personId);
  return {
    name: 'overtime',
    buttons: { [OVERTIME_ACTIONS.approve]: decision(deps, true), [OVERTIME_ACTIONS.decline]: decision(deps, false) },
    formOpeners: {
      [OVERTIME_ACTIONS.request]: async (person) => ((await isSupervisorToday(person.id)) ? overtimeRequestForm() : undefined),
    },
    forms: {
      [OVERTIME_ACTIONS.request]: (turn, _state, values) =>
        respondOnce(turn, () =>
          requestOvertime(deps, {
            actor: actorOf(turn),
            orderRefs: splitOrderRefs(formText(values, 'orders')),
            reason: formText(values, 'reason'),
            until: formText(values, 'until'),
            ...(turn.eventId === undefined ? {} : { eventId: turn.eventId }),
          }),
        ),
    },
    intents: {
      'overtime.request': async (turn) => {
        if (!(await isSupervisorToday(turn.person.id))) await turn.reply(plainView(t('escalation.overtime.onlySupervisor')));
        else await turn.openForm(overtimeRequestForm());
      },
    },
  };
}
