import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { t } from '../../templates.ts';
import { plainView, type ChatTurn } from '../chat/dispatcher.ts';
import { respondOnce } from '../chat/respond.ts';
import type { RouteModule } from '../chat/routes/compose.ts';
import { sendRemaining } from '../chat/routes/remaining.ts';
import { REASSIGN_ACTION } from './progress-view.ts';
import { reassignForm } from './reassign-form.ts';
import { reassignOrder } from './reassign-order.ts';
import { showProgress } from './show-progress.ts';
import type { SupervisionDeps } from './supervision-ports.ts';

/** An expected refusal (AppError) is answered with its Japanese message; the answer is sent once per event. */
function reassignFromChat(deps: SupervisionDeps, turn: ChatTurn, orderRef: string, workerRef: string): Promise<void> {
  const actor = { personId: turn.person.id, channel: turn.envelope.platform };
  return respondOnce(turn, () => reassignOrder(deps, { actor, orderRef, workerRef, ...(turn.eventId === undefined ? {} : { eventId: turn.eventId }) }));
}

const formText = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

/**
 * The supervisor's side of the day in chat: 「進捗」 (everyone's progress, updated in place when asked again; also the
 * bureau's answer to 「残り」),
 * 「振替 0012 w03」 and the progress view's 振替 button and form.
 */
export function dispatchRoutes(deps: SupervisionDeps): RouteModule {
  const today = () => tokyoDate(deps.clock.now());
  return {
    name: 'dispatch',
    formOpeners: { [REASSIGN_ACTION]: (person) => reassignForm(deps, person, today()) },
    forms: {
      [REASSIGN_ACTION]: (turn, _state, values) => reassignFromChat(deps, turn, formText(values.order), formText(values.to)),
    },
    intents: {
      reassign: (turn, intent) => reassignFromChat(deps, turn, intent.orderRef, intent.workerRef),
      'reassign.usage': (turn) => turn.reply(plainView(t('dispatch.reassign.usage'))),
      // A worker asking 進捗 means their own orders: answered as 「残り」.
      progress: async (turn) => {
        const view = await showProgress(deps, turn.person, today());
        await (view ? turn.reply(view) : sendRemaining(deps, turn));
      },
      // The bureau holds no orders of its own: its 残り is the day's progress.
      remaining: async (turn) => {
        const view = turn.person.affiliation === 'bureau' ? await showProgress(deps, turn.person, today()) : undefined;
        await (view ? turn.reply(view) : sendRemaining(deps, turn));
      },
    },
  };
}
