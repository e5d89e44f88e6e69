import type { ParsedReply } from '../../../domain/replies/parsed-reply.ts';
import { TASK_KIND_LABELS } from '../../../domain/work-order/task-kind.ts';
import { hasTemplate, t, templateText } from '../../../templates.ts';
import { plainView, type ChatTurn } from '../dispatcher.ts';
import type { ChatPerson } from '../ports.ts';
import type { RouteModule } from './compose.ts';

/** The reply parser as the chat uses it (the composition root adapts src/adapters/nlp to this). */
export type ReadReply = (text: string, sender: ChatPerson) => Promise<ParsedReply>;

export interface ReplyRouteDeps {
  read: ReadReply;
  help(turn: ChatTurn): Promise<void>;
  remaining(turn: ChatTurn): Promise<void>;
}

const OUTCOME_KEYS = { done: 'routes.reply.outcomeDone', absent: 'routes.reply.outcomeAbsent', not_done: 'routes.reply.outcomeNotDone' } as const;

function ambiguityText(code: string): string {
  const key = `replies.ambiguity.${code}`;
  return hasTemplate(key) ? templateText(key) : code;
}

/** What the parser understood, line by line, so the worker sees it before anything is recorded. */
export function understoodLines(reply: ParsedReply): string[] {
  const line = (key: string, value: string | number | null) => (value === null ? [] : [templateText(`routes.reply.${key}`, { value })]);
  const meter = [reply.meterNumber, reply.meterDiameterMm ? `φ${reply.meterDiameterMm}` : null].filter(Boolean).join(' ');
  return [
    t('routes.reply.understood'),
    ...line('order', reply.taskRef),
    ...line('kind', reply.kind ? TASK_KIND_LABELS[reply.kind] : null),
    ...line('outcome', reply.outcome ? t(OUTCOME_KEYS[reply.outcome]) : null),
    ...line('reading', reply.reading),
    ...line('meter', meter || null),
    ...line('reason', reply.notDoneReason),
    ...line('note', reply.note),
    ...line('unsure', reply.ambiguities.length > 0 ? reply.ambiguities.map(ambiguityText).join('、') : null),
  ];
}

/**
 * Free text through the reply parser: help and status go to their answers; a result or a doubt is echoed back
 * as understood (the results flow records it); anything else is left to the next route.
 */
export function replyRoutes(deps: ReplyRouteDeps): RouteModule {
  return {
    name: 'replies',
    text: [
      async (turn, text) => {
        const reply = await deps.read(text, turn.person);
        if (reply.intent === 'help') return deps.help(turn).then(() => true);
        if (reply.intent === 'status') return deps.remaining(turn).then(() => true);
        if (reply.intent !== 'result' && reply.intent !== 'doubt') return false;
        await turn.reply(plainView([...understoodLines(reply), t('routes.reply.pending')].join('\n')));
        return true;
      },
    ],
  };
}
