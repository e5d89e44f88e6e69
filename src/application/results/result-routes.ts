import { plainView, type ChatTurn } from '../chat/dispatcher.ts';
import type { RouteModule } from '../chat/routes/compose.ts';
import { RESULT_FORM_ACTION } from '../dispatch/day-views.ts';
import { readCorrectionText } from '../../domain/results/result-correction.ts';
import { attachResultPhotos } from './attach-result-photos.ts';
import { handleCorrectionText } from './correct-result.ts';
import { handleResultText, repromptPending, type TextDeps, type TextSender } from './handle-result-text.ts';
import { openResultForm } from './open-result-form.ts';
import { replayResultEvent } from './replay-result-event.ts';
import { RESULT_FORM_ID } from './result-form.ts';
import { filesOf, resultFormErrors, submitResultForm } from './submit-result-form.ts';

const senderOf = (turn: ChatTurn): TextSender => ({
  personId: turn.person.id,
  platform: turn.envelope.platform,
  inChannel: turn.envelope.inChannel === true,
  files: filesOf(turn),
  ...(turn.eventId === undefined ? {} : { eventId: turn.eventId }),
});

/** A text route from a use case that answers with a text, or with undefined when the text is not its business. */
function answering(run: (sender: TextSender, text: string) => Promise<string | undefined>) {
  return async (turn: ChatTurn, text: string): Promise<boolean> => {
    const answer = await run(senderOf(turn), text);
    if (answer === undefined) return false;
    await turn.reply(plainView(answer));
    return true;
  };
}

export interface ResultRouteModules {
  /** The form and the text flow: before the escalation's routes, so results and their answers come here first. */
  main: RouteModule;
  /**
   * After every other feature: text nobody recognised while a result conversation waits for an answer gets the
   * question again (or is told the conversation expired), instead of the generic hint.
   */
  pending: RouteModule;
}

/**
 * Results in chat: the 結果入力 button opens the order's form (or says why not), the form is checked (field
 * errors on Slack's open modal, a message with 入力し直す elsewhere) and recorded; free text goes through the
 * conversation of handle-result-text.ts; 「写真 0012」 attaches photos. Texts whose intent is a doubt are left to
 * the escalation routes. A replayed event (effects committed before a crash) is answered as the first time, and
 * changes nothing (replay-result-event.ts).
 */
export function resultRoutes(deps: TextDeps): ResultRouteModules {
  return {
    main: {
      name: 'results',
      formOpeners: { [RESULT_FORM_ACTION]: (person, value) => openResultForm(deps, person, value) },
      formValidators: { [RESULT_FORM_ID]: (person, state, values) => resultFormErrors(deps, person, state, values) },
      forms: { [RESULT_FORM_ID]: (turn, state, values) => submitResultForm(deps, turn, state, values) },
      text: [
        // First: an event whose effects are committed already (a replay after a crash) changes nothing again.
        answering((sender) => replayResultEvent(deps, sender)),
        answering((sender, text) => attachResultPhotos(deps, sender, text)),
        // 訂正: recognising the text (a pure function) is kept apart from handling it (the use case).
        answering(async (sender, text) => {
          const typed = readCorrectionText(text);
          return typed ? handleCorrectionText(deps, sender, typed) : undefined;
        }),
        answering((sender, text) => handleResultText(deps, sender, text)),
      ],
    },
    pending: {
      name: 'results-pending',
      text: [answering((sender) => repromptPending(deps, sender.personId))],
    },
  };
}
