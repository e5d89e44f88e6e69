import { plainView, type ChatTurn } from '../chat/dispatcher.ts';
import type { IntentKind } from '../chat/intents/intent.ts';
import type { RouteModule } from '../chat/routes/compose.ts';
import { RESULT_FORM_ACTION } from '../dispatch/day-views.ts';
import { attachResultPhotos } from './attach-result-photos.ts';
import { t } from '../../templates.ts';
import { hintFallback as sendHint } from '../chat/routes/help.ts';
import { handleCorrectionText } from './correct-result.ts';
import { correctionOffer, CORRECTION_FORM_ID, openCorrectionForm } from './correction-form.ts';
import { handleResultText, openQuestion, remindOpenQuestion, repromptPending, type ResultTextAnswer, type TextDeps, type TextSender } from './handle-result-text.ts';
import { openResultForm } from './open-result-form.ts';
import { replayResultEvent } from './replay-result-event.ts';
import { RESULT_FORM_ID } from './result-form.ts';
import { correctionFormErrors, submitCorrectionForm } from './submit-correction-form.ts';
import { filesOf, resultFormErrors, submitResultForm, withCorrection } from './submit-result-form.ts';

const senderOf = (turn: ChatTurn): TextSender => ({
  personId: turn.person.id,
  platform: turn.envelope.platform,
  inChannel: turn.envelope.inChannel === true,
  files: filesOf(turn),
  ...(turn.eventId === undefined ? {} : { eventId: turn.eventId }),
});

/** The intents the results conversation answers itself (its question follows its own answer). */
const OWN_INTENTS: ReadonlySet<IntentKind> = new Set<IntentKind>(['result', 'result.answer', 'result.photos']);
/** Intents that open a form: on platforms without modals the form's questions come next, not the result's. */
const OPENS_A_FORM: ReadonlySet<IntentKind> = new Set<IntentKind>(['doubt.form', 'overtime.request']);

/** Sends the use case's answer; undefined means it had nothing to say. */
async function answer(turn: ChatTurn, text: string | undefined): Promise<boolean> {
  if (text === undefined) return false;
  await turn.reply(plainView(text));
  return true;
}

/**
 * Sends the results flow's answer with 訂正 when it is about a recorded result the sender may correct: the receipt of
 * the result this event recorded (also when the event is replayed), or a 「記録済み」 answer.
 */
async function answerWithCorrection(deps: TextDeps, turn: ChatTurn, said: ResultTextAnswer | string | undefined): Promise<boolean> {
  if (said === undefined) return false;
  const { text, recordedOrderNo } = typeof said === 'string' ? { text: said, recordedOrderNo: undefined } : said;
  const recorded = recordedOrderNo ?? (turn.eventId === undefined ? undefined : (await deps.results.bySourceEvent(turn.eventId))?.orderNo);
  await turn.reply(withCorrection(text, recorded ? await correctionOffer(deps, turn.person.id, recorded) : undefined));
  return true;
}

/**
 * Results in chat: the 結果入力 button opens the order's form (or says why not), the form is checked (field
 * errors on Slack's open modal, a message with 入力し直す elsewhere) and recorded; the receipt (and a 「記録済み」
 * answer) carries 訂正 for whoever may correct the result, which opens the same form filled in with the recorded
 * values, submitted as a correction (submit-correction-form.ts: the rules of 訂正 by text); a result typed as text and the
 * answers to its questions go through the conversation of handle-result-text.ts; 「写真 0012」 attaches photos.
 * The open question is the context the next message is read in (questions.result). A replayed event (effects
 * committed before a crash) is answered as the first time, and changes nothing (replay-result-event.ts).
 */
export function resultRoutes(deps: TextDeps): RouteModule {
  return {
    name: 'results',
    formOpeners: {
      [RESULT_FORM_ACTION]: (person, value) => openResultForm(deps, person, value),
      [CORRECTION_FORM_ID]: (person, value) => openCorrectionForm(deps, person, value),
    },
    formValidators: {
      [RESULT_FORM_ID]: (person, state, values) => resultFormErrors(deps, person, state, values),
      [CORRECTION_FORM_ID]: (person, state, values) => correctionFormErrors(deps, person, state, values),
    },
    forms: {
      [RESULT_FORM_ID]: (turn, state, values) => submitResultForm(deps, turn, state, values),
      [CORRECTION_FORM_ID]: (turn, state, values) => submitCorrectionForm(deps, turn, state, values),
    },
    replays: async (turn) => answerWithCorrection(deps, turn, await replayResultEvent(deps, senderOf(turn))),
    questions: { result: (personId) => openQuestion(deps, personId) },
    resume: async (turn, handled) => {
      if (!OWN_INTENTS.has(handled) && !OPENS_A_FORM.has(handled)) await answer(turn, await remindOpenQuestion(deps, turn.person.id, turn.eventId));
    },
    intents: {
      // 訂正: the order and the rest read by the recogniser, the correction checked like a new result.
      'result.correct': async (turn, { correction, reply }) => {
        await answer(turn, await handleCorrectionText(deps, senderOf(turn), correction, reply));
      },
      'result.photos': async (turn, { typed }) => {
        await answer(turn, (await attachResultPhotos(deps, senderOf(turn), typed)) ?? t('resultFlow.photo.whichOrder'));
      },
      result: async (turn, { typed, reply }) => {
        if (!(await answerWithCorrection(deps, turn, await handleResultText(deps, senderOf(turn), typed, reply)))) await sendHint(turn, typed);
      },
      // Text the conversation cannot use as its answer asks the question again (or says it expired).
      'result.answer': async (turn, { typed, reply }) => {
        if (await answerWithCorrection(deps, turn, await handleResultText(deps, senderOf(turn), typed, reply))) return;
        if (!(await answer(turn, await repromptPending(deps, turn.person.id)))) await sendHint(turn, typed);
      },
    },
  };
}
