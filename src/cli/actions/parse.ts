import type { CliDeps } from '../index.ts';
import { parseReply } from '../../adapters/nlp/reply-parser.ts';
import type { ParsedReply } from '../../domain/replies/parsed-reply.ts';
import { TASK_KIND_LABELS } from '../../domain/work-order/task-kind.ts';
import { t, templateText } from '../../templates.ts';

export function parse(deps: CliDeps, words: string[], opts: { json?: boolean; awaiting?: 'reading' }): void {
  const parsed = parseReply(words.join(' '), { awaiting: opts.awaiting });
  deps.out(opts.json ? `${JSON.stringify(parsed)}\n` : `${describeReply(parsed).join('\n')}\n`);
}

/** One Japanese line per thing the bot understood, then one per point to clarify. */
export function describeReply(reply: ParsedReply): string[] {
  const join = (items: string[]): string => items.join(t('replies.describe.separator'));
  const facts = Object.keys(reply.facts).map((fact) => templateText(`replies.fact.${fact}`));
  const fields: [string, string | number | null][] = [
    ['intent', t(`replies.intent.${reply.intent}`)],
    ['taskRef', reply.taskRef],
    ['kind', reply.kind && TASK_KIND_LABELS[reply.kind]],
    ['outcome', reply.outcome && t(`replies.outcome.${reply.outcome}`)],
    ['reading', reply.reading],
    ['meterNumber', reply.meterNumber],
    ['meterDiameterMm', reply.meterDiameterMm],
    ['facts', facts.length > 0 ? join(facts) : null],
    ['notDoneReason', reply.notDoneReason],
    ['note', reply.memo ?? reply.note],
  ];
  const lines = fields.filter(([, value]) => value !== null).map(([key, value]) => templateText(`replies.describe.${key}`, { value: value! }));
  const questions = reply.ambiguities.map((code) => t('replies.describe.ambiguity', { value: t(`replies.ambiguity.${code}`) }));
  return [...lines, ...questions];
}
