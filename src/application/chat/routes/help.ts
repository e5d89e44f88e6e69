import { t } from '../../../templates.ts';
import { plainView, type ChatTurn, type TextHandler } from '../dispatcher.ts';
import type { RouteModule } from './compose.ts';
import { isOneOf } from './keywords.ts';

const HELP_WORDS = ['ヘルプ', 'へるぷ', 'help', '使い方', 'つかいかた', '?', 'ヘルプ?'];

export const sendHelp = (turn: ChatTurn) => turn.reply(plainView(t('routes.help')));

/** 「ヘルプ」/ help: how to report, what to type. */
export function helpRoutes(): RouteModule {
  return {
    name: 'help',
    text: [
      async (turn, text) => {
        if (!isOneOf(text, HELP_WORDS)) return false;
        await sendHelp(turn);
        return true;
      },
    ],
  };
}

/** Text that no route recognised: a hint on what the bot understands. */
export const hintFallback: TextHandler = async (turn, text) => {
  const shown = text.trim().length > 40 ? `${text.trim().slice(0, 40)}…` : text.trim();
  await turn.reply(plainView(shown ? t('routes.hint', { text: shown }) : t('routes.hintEmpty')));
};
