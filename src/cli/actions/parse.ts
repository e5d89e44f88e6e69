import type { CliDeps } from '../index.ts';
import { parseReply } from '../../adapters/nlp/reply-parser.ts';
import { terminalReadingLines } from '../../application/incidents/terminal-wording.ts';
import { readTerminalText } from '../../domain/incidents/terminal-text.ts';
import type { ParsedReply } from '../../domain/replies/parsed-reply.ts';
import { TASK_KIND_LABELS } from '../../domain/work-order/task-kind.ts';
import { t, templateText } from '../../templates.ts';

/**
 * How the bot reads a worker's text: a damaged or lost work terminal first, as the chat surface reads it (its case
 * opens and no result is recorded from it); else the reply parser's reading.
 */
export function parse(deps: CliDeps, words: string[], opts: { json?: boolean; awaiting?: 'reading' }): void {
  const text = words.join(' ');
  const terminal = readTerminalText(text);
  if (terminal) {
    const { loss, description, ...facts } = terminal;
    const json = { intent: 'terminal', kind: loss, terminal: facts.terminal, facts: { customerData: facts.customerData, locked: facts.locked }, description };
    deps.out(opts.json ? `${JSON.stringify(json)}\n` : `${terminalReadingLines(terminal).join('\n')}\n`);
    return;
  }
  const parsed = parseReply(text, { awaiting: opts.awaiting });
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
