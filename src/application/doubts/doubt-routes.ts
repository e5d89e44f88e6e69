import type { RouteModule } from '../chat/routes/compose.ts';
import type { ChatTurn } from '../chat/dispatcher.ts';
import { acknowledgeDoubt } from './acknowledge-doubt.ts';
import { doubtAuthorities } from './act-on-doubt.ts';
import { addDoubtPhotos } from './add-doubt-photos.ts';
import { answerDoubt } from './answer-doubt.ts';
import { doubtAnswerForm, doubtRaiseForm } from '../escalation/case-forms.ts';
import { formText, idFrom, orderNoFrom } from '../cases/case-text.ts';
import { DOUBT_ACTIONS } from './doubt-card.ts';
import type { DoubtDeps } from './doubt-delivery.ts';
import { resolveOrderRef } from '../cases/order-ref.ts';
import { raiseDoubt } from './raise-doubt.ts';
import { openedBy } from '../cases/open-case.ts';
import { referDoubtToBureau } from './refer-doubt-to-bureau.ts';
import { resolveDoubt } from './resolve-doubt.ts';
import { actorOf, attachmentsOf, respond, respondOnce } from '../cases/route-helpers.ts';
import { t } from '../../templates.ts';


/**
 * A doubt typed as text (reply parser intent 'doubt') or sent by its form: the order from its taskRef, the text as the
 * worker typed it. The replay of the event that raised it is told again without resolving anything anew.
 */
export async function raiseDoubtFromText(deps: DoubtDeps, turn: ChatTurn, text: string, taskRef: string | null): Promise<void> {
  await respond(turn, async () => {
    const before = await openedBy(deps.doubts, turn.eventId);
    const order = !before && taskRef ? await resolveOrderRef(deps, taskRef, turn.person.id) : undefined;
    const eventId = turn.eventId === undefined ? {} : { eventId: turn.eventId };
    await raiseDoubt(deps, { actor: actorOf(turn), orderNo: order?.orderNo ?? null, text, attachments: attachmentsOf(turn), ...eventId });
    return undefined;
  });
}

function byDoubtId(run: (turn: ChatTurn, id: number) => Promise<string>) {
  return (turn: ChatTurn, value: string) => respondOnce(turn, async () => {
    const id = idFrom(value, 'doubtId');
    return id ? run(turn, id) : t('chat.unknownAction');
  });
}

/** 疑義: the 疑義 button and form, 受領 / 指示して回答 / 局へ相談 / 解決, photos sent later, and doubts typed as text. */
export function doubtRoutes(deps: DoubtDeps): RouteModule {
  return {
    name: 'doubts',
    buttons: {
      [DOUBT_ACTIONS.ack]: byDoubtId((turn, id) => acknowledgeDoubt(deps, actorOf(turn), id, turn.eventId)),
      [DOUBT_ACTIONS.bureau]: byDoubtId((turn, id) => referDoubtToBureau(deps, actorOf(turn), id, turn.eventId)),
      [DOUBT_ACTIONS.resolve]: byDoubtId((turn, id) => resolveDoubt(deps, actorOf(turn), id, turn.eventId)),
    },
    formOpeners: {
      [DOUBT_ACTIONS.raise]: async (_person, value) => doubtRaiseForm(orderNoFrom(value)),
      [DOUBT_ACTIONS.answer]: async (person, value) => {
        const id = idFrom(value, 'doubtId');
        const doubt = id ? await deps.doubts.get(id) : undefined;
        return doubt && (await doubtAuthorities(deps, doubt)).has(person.id) ? doubtAnswerForm(doubt.id) : undefined;
      },
    },
    forms: {
      [DOUBT_ACTIONS.raise]: (turn, state, values) => {
        const ref = orderNoFrom(state) ?? formText(values, 'order');
        return raiseDoubtFromText(deps, turn, formText(values, 'text'), ref || null);
      },
      [DOUBT_ACTIONS.answer]: (turn, state, values) =>
        byDoubtId((t, id) => answerDoubt(deps, actorOf(t), id, formText(values, 'instruction'), t.eventId))(turn, state),
    },
    intents: {
      'doubt.photos': (turn, { doubtNo }) => respondOnce(turn, () => addDoubtPhotos(deps, actorOf(turn), doubtNo, attachmentsOf(turn), turn.eventId)),
      'doubt.form': (turn) => turn.openForm(doubtRaiseForm()),
      doubt: (turn, { typed, reply }) => raiseDoubtFromText(deps, turn, typed.trim(), reply.taskRef),
    },
  };
}
