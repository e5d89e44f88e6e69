import { t } from '../../../templates.ts';
import { plainView, type ChatTurn, type TextHandler } from '../dispatcher.ts';
import type { ChatPerson } from '../ports.ts';
import { isOneOf } from './keywords.ts';

/** Other spellings (へるぷ, help, ?) reach here as ヘルプ (templates/command-spellings.yaml). */
const HELP_WORDS = ['ヘルプ', '使い方', 'つかいかた', 'ヘルプ?'];

type HelpRole = 'worker' | 'supervisor' | 'bureau' | 'admin';

/**
 * The parts of the help a person gets: the worker's when on the contractor's side, the 業務責任者's when they may
 * supervise (every day's supervisor may), the bureau's, the admin's; a person may hold several.
 */
export function helpRolesOf(person: Pick<ChatPerson, 'affiliation' | 'canSupervise' | 'isAdmin'>): HelpRole[] {
  const roles: HelpRole[] = [];
  if (person.affiliation === 'contractor') roles.push('worker');
  if (person.affiliation === 'contractor' && person.canSupervise) roles.push('supervisor');
  if (person.affiliation === 'bureau') roles.push('bureau');
  if (person.isAdmin) roles.push('admin');
  return roles;
}

const SECTIONS = { worker: 'routes.help.worker', supervisor: 'routes.help.supervisor', bureau: 'routes.help.bureau', admin: 'routes.help.admin' } as const;
const NAMES = { worker: 'routes.help.roleWorker', supervisor: 'routes.help.roleSupervisor', bureau: 'routes.help.roleBureau', admin: 'routes.help.roleAdmin' } as const;

/** Every chat command the person can use, by role (wording in templates/routes.ja.yaml). */
export function helpText(person: Pick<ChatPerson, 'affiliation' | 'canSupervise' | 'isAdmin'>): string {
  const roles = helpRolesOf(person);
  if (roles.length === 0) return t('routes.help.none');
  const header = t('routes.help.header', { roles: roles.map((r) => t(NAMES[r])).join(t('routes.help.roleSeparator')) });
  return [header, ...roles.map((r) => t(SECTIONS[r])), t('routes.help.footer')].join('\n');
}

export const sendHelp = (turn: ChatTurn) => turn.reply(plainView(helpText(turn.person)));

/** 「ヘルプ」/ help: what the sender can type, for the roles they hold. */
export const isHelpRequest = (text: string) => isOneOf(text, HELP_WORDS);

/** Text that no route recognised: a hint on what the bot understands. */
export const hintFallback: TextHandler = async (turn, text) => {
  const shown = text.trim().length > 40 ? `${text.trim().slice(0, 40)}…` : text.trim();
  // The result example is for people who report results (workers, supervisors); the bureau gets the help pointer.
  const key = turn.person.affiliation === 'contractor' ? 'routes.hint' : 'routes.hintOther';
  await turn.reply(plainView(shown ? t(key, { text: shown }) : t('routes.hintEmpty')));
};
