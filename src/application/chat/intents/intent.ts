import type { ComplaintCommand } from '../../../domain/complaints/complaint-command.ts';
import type { DayEndAnswer } from '../../../domain/day-end/day-end-answer.ts';
import type { IncidentText } from '../../../domain/incidents/incident-text.ts';
import type { TerminalText } from '../../../domain/incidents/terminal-text.ts';
import type { ParsedReply } from '../../../domain/replies/parsed-reply.ts';
import type { CorrectionText } from '../../../domain/results/result-correction.ts';
import type { DayEndQuestion } from '../../day-end/answer-day-end.ts';
import type { ChatTurn } from '../dispatcher.ts';

/** The slots each intent carries, as the recogniser read them from the message (chat-surface.ts). */
export interface IntentSlots {
  help: object;
  remaining: object;
  progress: object;
  reassign: { orderRef: string; workerRef: string };
  'reassign.usage': object;
  'assign.rerun': object;
  complaint: { command: ComplaintCommand };
  'roster.swap': object;
  'dayEnd.confirm': object;
  'dayEnd.answer': { answer: DayEndAnswer; question: DayEndQuestion };
  handover: { rest: string };
  parking: { rest: string };
  /** 支給 ピン 100: what the bureau supplied (the rest after the word). */
  supply: { rest: string };
  /** 在庫: the stock on hand. */
  stock: object;
  /** `withResult`: the message also reads as a result (「0003 閉栓済 … 事故あり」), which is not recorded from it. */
  incident: { read: IncidentText; withResult: boolean };
  /** 端末 破損 / 端末 紛失: a work terminal damaged or lost (spec 6(3)). */
  terminal: { read: TerminalText; withResult: boolean };
  'overtime.request': object;
  'doubt.photos': { doubtNo: number };
  'doubt.form': object;
  'result.photos': object;
  /** 訂正 0012 指針1190: the order as typed and the rest, read by the parser. */
  'result.correct': { correction: CorrectionText; reply: ParsedReply };
  /** A result (「0012 開栓完了 指針1187」) that starts a conversation afresh. */
  result: { reply: ParsedReply };
  /** An answer to the question the results conversation asked this person (or that conversation's expiry). */
  'result.answer': { reply: ParsedReply };
  doubt: { reply: ParsedReply };
  unknown: { reply: ParsedReply | null };
}

export type IntentKind = keyof IntentSlots;
/** One message, classified once: its kind, the slots read for it, and the text as typed. */
export type Intent<K extends IntentKind = IntentKind> = { kind: K; typed: string; text: string } & IntentSlots[K];

export type IntentHandler<K extends IntentKind = IntentKind> = (turn: ChatTurn, intent: Intent<K>) => Promise<void>;
export type IntentHandlers = { [K in IntentKind]?: IntentHandler<K> };

/** What the bot is waiting for from a person: the results conversation's open question. */
export interface ResultQuestion {
  /** The question asks for a reading: a lone number is the reading, never an order number. */
  awaitsReading: boolean;
}

/**
 * What the bot last asked a person and still waits for, looked up only when a recogniser needs it. Features that
 * ask questions provide these (RouteModule.awaiting).
 */
export interface QuestionLookups {
  result?: (personId: string) => Promise<ResultQuestion | undefined>;
  dayEnd?: (personId: string) => Promise<DayEndQuestion | undefined>;
}

/** A message as the recognisers see it: the parser and the questions are consulted at most once, when needed. */
export interface Message {
  /** As typed. */
  typed: string;
  /** With a leading spelling of a command in its canonical form (しんちょく → 進捗). */
  text: string;
  hasFiles: boolean;
  /** The reply parser's reading, in the context of the open result question; parsed once per message. */
  reply(): Promise<ParsedReply>;
  /** The parser's reading of part of the message (the rest after a command), instead of the whole. */
  replyTo(part: string): Promise<ParsedReply>;
  awaitsResult(): Promise<ResultQuestion | undefined>;
  awaitsDayEnd(): Promise<DayEndQuestion | undefined>;
}
