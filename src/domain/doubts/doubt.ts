import type { ChainSnapshot } from '../escalation/chain.ts';
import type { WaitState } from '../escalation/decide-next.ts';

/**
 * 疑義 (a worker's doubt about an order, spec 13): its states and what it holds. It moves only through the
 * transitions of doubt-lifecycle.ts; the escalation along its chain is decideNext (domain/escalation).
 */
export const DOUBT_STATES = ['open', 'acknowledged', 'with_bureau', 'answered', 'resolved'] as const;
export type DoubtState = (typeof DOUBT_STATES)[number];

/** The contact chart as copied onto the doubt when it starts, with the bureau contact found in it. */
export interface DoubtChain extends ChainSnapshot {
  bureauContactId: string | null;
}

export interface DoubtRecord {
  id: number;
  orderNo: string | null;
  raisedById: string;
  text: string;
  state: DoubtState;
  chain: DoubtChain;
  /** The chain level last notified, and when (its ack timeout runs from there). */
  currentLevel: number;
  levelNotifiedAt: Date | null;
  holderId: string | null;
  answer: string | null;
  answeredById: string | null;
  /** The inbound chat event that gave the answer (its replay after a crash is the same answer). */
  answerEventId?: number | null;
  raisedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  resolvedById: string | null;
  bureauContactId: string | null;
  bureauAcknowledgedAt: Date | null;
  attachmentCount: number;
  /** Everyone who was sent the doubt's card (from its 'notified' events), in order. */
  notified: string[];
  /** The inbound chat event that raised it (null: the CLI, a test). */
  sourceEventId?: number | null;
  /** Inbound chat events whose changes the doubt holds (its CaseEvents carry them). */
  sourceEvents?: number[];
}

/** What a transition changes on a doubt. */
export type DoubtChange = Partial<
  Pick<
    DoubtRecord,
    | 'state'
    | 'currentLevel'
    | 'levelNotifiedAt'
    | 'holderId'
    | 'answer'
    | 'answeredById'
    | 'answerEventId'
    | 'acknowledgedAt'
    | 'resolvedAt'
    | 'resolvedById'
    | 'bureauContactId'
    | 'bureauAcknowledgedAt'
  >
>;

/** Where the escalation stands, for decideNext: only an open doubt still escalates. */
export function escalationStateOf(doubt: DoubtRecord): WaitState {
  return {
    round: doubt.levelNotifiedAt ? 1 : 0,
    step: doubt.levelNotifiedAt ? doubt.currentLevel : -1,
    notifiedAt: doubt.levelNotifiedAt,
    acknowledged: doubt.state !== 'open' && doubt.state !== 'resolved',
    closed: doubt.state === 'resolved',
  };
}

export const isClosedDoubt = (doubt: DoubtRecord) => doubt.state === 'resolved';
