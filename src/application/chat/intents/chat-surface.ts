import { parseComplaintCommand } from '../../../domain/complaints/complaint-command.ts';
import { dayEndAnswerOf } from '../../../domain/day-end/day-end-answer.ts';
import { afterKeyword, HANDOVER_WORDS, PARKING_WORDS } from '../../../domain/day-end/day-end-commands.ts';
import { afterSupplyWord, isStockRequest } from '../../../domain/consumables/supply-command.ts';
import { readIncidentText } from '../../../domain/incidents/incident-text.ts';
import { readTerminalText } from '../../../domain/incidents/terminal-text.ts';
import type { ParsedReply } from '../../../domain/replies/parsed-reply.ts';
import { readCorrectionText } from '../../../domain/results/result-correction.ts';
import { isResultPhotoText } from '../../results/attach-result-photos.ts';
import { isHelpRequest } from '../routes/help.ts';
import { isRemainingRequest } from '../routes/remaining.ts';
import { doubtPhotoNo, isDayEndConfirm, isDoubtCommand, isOvertimeRequest, isProgressRequest, isRerunRequest, isRosterSwap, parseReassign } from './commands.ts';
import type { IntentKind, IntentSlots, Message } from './intent.ts';

/** Reads one intent's slots from a message, or null when the message is not that intent. */
export type Recogniser<K extends IntentKind = IntentKind> = (m: Message) => IntentSlots[K] | null | Promise<IntentSlots[K] | null>;
export interface SurfaceRow<K extends IntentKind = IntentKind> {
  intent: K;
  recognise: Recogniser<K>;
}
const row = <K extends IntentKind>(intent: K, recognise: Recogniser<K>): SurfaceRow => ({ intent, recognise }) as unknown as SurfaceRow;
const when = (yes: boolean) => (yes ? {} : null);

/** A whole result names its order and its outcome: it starts afresh even while a question is open. */
const isWholeResult = (r: ParsedReply) => r.intent === 'result' && r.taskRef !== null && r.outcome !== null;

/**
 * The whole chat surface on one screen: every message is read by these rows, first match wins, and goes to the one
 * handler of its intent (a feature's RouteModule.intents). Commands come first (a command typed in the middle of a
 * result conversation is that command); then what the reply parser reads, in the context of what the bot asked.
 * Text nothing recognises is `unknown`: it gets a hint, and is never stored.
 */
export const CHAT_SURFACE: readonly SurfaceRow[] = [
  row('help', (m) => when(isHelpRequest(m.text))),
  row('remaining', (m) => when(isRemainingRequest(m.text))),
  row('reassign', (m) => {
    const r = parseReassign(m.text);
    return r && r !== 'usage' ? r : null;
  }),
  row('reassign.usage', (m) => when(parseReassign(m.text) === 'usage')),
  row('progress', (m) => when(isProgressRequest(m.text))),
  row('assign.rerun', (m) => when(isRerunRequest(m.text))),
  row('complaint', (m) => {
    const command = parseComplaintCommand(m.text);
    return command ? { command } : null;
  }),
  row('roster.swap', (m) => when(isRosterSwap(m.text))),
  row('dayEnd.confirm', (m) => when(isDayEndConfirm(m.text))),
  row('dayEnd.answer', async (m) => {
    const answer = dayEndAnswerOf(m.text);
    const question = answer ? await m.awaitsDayEnd() : undefined;
    return answer && question ? { answer, question } : null;
  }),
  row('handover', (m) => {
    const rest = afterKeyword(m.text, HANDOVER_WORDS);
    return rest === undefined ? null : { rest };
  }),
  row('parking', (m) => {
    const rest = afterKeyword(m.text, PARKING_WORDS);
    return rest === undefined ? null : { rest };
  }),
  // A damaged or lost work terminal (端末 破損 / 端末 紛失), before 事故 and before anything reads it as a result.
  row('terminal', async (m) => {
    const read = readTerminalText(m.text);
    if (!read) return null;
    const reply = await m.reply();
    return { read, withResult: reply.intent === 'result' && reply.taskRef !== null && reply.outcome !== null };
  }),
  row('supply', (m) => {
    const rest = afterSupplyWord(m.text);
    return rest === undefined ? null : { rest };
  }),
  row('stock', (m) => when(isStockRequest(m.text))),
  // 事故 anywhere in the message, before anything reads it as a result or an answer.
  row('incident', async (m) => {
    const read = readIncidentText(m.text);
    if (!read) return null;
    const reply = await m.reply();
    return { read, withResult: reply.intent === 'result' && reply.taskRef !== null && reply.outcome !== null };
  }),
  row('result.correct', async (m) => {
    const correction = readCorrectionText(m.text);
    return correction ? { correction, reply: await m.replyTo(correction.rest) } : null;
  }),
  row('result.photos', (m) => when(isResultPhotoText(m.text, m.hasFiles))),
  row('overtime.request', (m) => when(isOvertimeRequest(m.text))),
  row('doubt.photos', (m) => {
    const doubtNo = doubtPhotoNo(m.text);
    return doubtNo !== undefined && m.hasFiles ? { doubtNo } : null;
  }),
  row('doubt.form', (m) => when(isDoubtCommand(m.text))),
  row('result', async (m) => {
    const reply = await m.reply();
    if (reply.intent !== 'result') return null;
    return isWholeResult(reply) || !(await m.awaitsResult()) ? { reply } : null;
  }),
  row('doubt', async (m) => {
    const reply = await m.reply();
    return reply.intent === 'doubt' ? { reply } : null;
  }),
  row('help', async (m) => when((await m.reply()).intent === 'help')),
  row('remaining', async (m) => when((await m.reply()).intent === 'status')),
  row('result.answer', async (m) => ((await m.awaitsResult()) ? { reply: await m.reply() } : null)),
];
