import type { ParsedReply } from '../../../domain/replies/parsed-reply.ts';
import { TASK_KIND_LABELS } from '../../../domain/work-order/task-kind.ts';
import { hasTemplate, t, templateText } from '../../../templates.ts';
import { plainView, type ChatTurn } from '../dispatcher.ts';
import type { Intent } from '../intents/intent.ts';

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
    ...line('note', reply.memo ?? reply.note),
    ...line('unsure', reply.ambiguities.length > 0 ? reply.ambiguities.map(ambiguityText).join('、') : null),
  ];
}

/**
 * A result or a doubt the parser read while no feature takes it (the results flow records results): echoed back as
 * understood, so the person sees what was read and that nothing was recorded.
 */
export const echoUnderstood = async (turn: ChatTurn, intent: Intent<'result' | 'doubt'>): Promise<void> =>
  turn.reply(plainView([...understoodLines(intent.reply), t('routes.reply.pending')].join('\n')));
