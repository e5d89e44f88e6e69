import { tokyoDate } from '../../domain/calendar/local-time.ts';
import { t } from '../../templates.ts';
import { plainView, type ChatTurn } from '../chat/dispatcher.ts';
import { respondOnce } from '../chat/respond.ts';
import type { RouteModule } from '../chat/routes/compose.ts';
import { keywordOf } from '../chat/routes/keywords.ts';
import { sendRemaining } from '../chat/routes/remaining.ts';
import { REASSIGN_ACTION } from './progress-view.ts';
import { reassignForm } from './reassign-form.ts';
import { reassignOrder } from './reassign-order.ts';
import { showProgress } from './show-progress.ts';
import type { SupervisionDeps } from './supervision-ports.ts';

const REASSIGN = /^(?:振替え?|振り替え|振りかえ|ふりかえ)(?=\s|$|\d)\s*(.*)$/su;
const PARTICLES = ['を', 'に', 'へ', 'から', 'さん'];
const PROGRESS_WORDS = ['進捗', 'しんちょく', '状況', '全体', '進捗状況', '全体状況', '全体の進捗', '全体の状況', 'みんなの進捗', '全員の進捗', '進捗確認'];

/** 「進捗」「進捗は?」「全体の状況」 (question marks and a trailing は ignored). */
export function isProgressRequest(text: string): boolean {
  const word = keywordOf(text).replace(/[?？]+$/u, '').replace(/は$/u, '');
  return PROGRESS_WORDS.includes(word);
}

/** 「振替 0012 w03」「振替 0012を 試験 花子に」 → the order and the worker as typed; 'usage' when something is missing. */
export function parseReassign(text: string): { orderRef: string; workerRef: string } | 'usage' | undefined {
  const m = REASSIGN.exec(text.normalize('NFKC').trim());
  if (!m) return undefined;
  const tokens = m[1]!
    .split(/\s*(?:→|->|⇒)\s*|[\s、,]+/u)
    .filter((w) => w && !PARTICLES.includes(w));
  const orderRef = (tokens[0] ?? '').replace(/を$/u, '');
  const workerRef = tokens.slice(1).join(' ').replace(/(?:さん)?(?:に|へ)?$/u, '').replace(/さん$/u, '');
  return orderRef && workerRef ? { orderRef, workerRef } : 'usage';
}

/** An expected refusal (AppError) is answered with its Japanese message; the answer is sent once per event. */
function reassignFromChat(deps: SupervisionDeps, turn: ChatTurn, orderRef: string, workerRef: string): Promise<void> {
  const actor = { personId: turn.person.id, channel: turn.envelope.platform };
  return respondOnce(turn, () => reassignOrder(deps, { actor, orderRef, workerRef, ...(turn.eventId === undefined ? {} : { eventId: turn.eventId }) }));
}

const formText = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();

/**
 * The supervisor's side of the day in chat: 「進捗」 (everyone's progress, updated in place when asked again),
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
    },
  };
}
