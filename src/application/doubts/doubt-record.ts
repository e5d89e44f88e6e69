import type { DoubtChain, DoubtChange, DoubtRecord } from '../../domain/doubts/doubt.ts';
import type { CaseStore, NewAttachment } from '../cases/ports.ts';

export { DOUBT_STATES, escalationStateOf, isClosedDoubt, type DoubtChain, type DoubtChange, type DoubtRecord, type DoubtState } from '../../domain/doubts/doubt.ts';

export interface NewDoubt {
  orderNo: string | null;
  raisedById: string;
  text: string;
  chain: DoubtChain;
  raisedAt: Date;
  attachments: NewAttachment[];
  /** The inbound chat event raising it: a doubt it raised before is returned instead of a new one. */
  sourceEventId?: number | null;
}

/** A change of the doubt (domain/doubts) and the attachments it adds. */
export type DoubtPatch = DoubtChange & { addAttachments?: NewAttachment[] };

export type DoubtStore = CaseStore<DoubtRecord, NewDoubt, DoubtPatch>;

/** Timer kinds and dedupe keys of a doubt. Cancelling `doubt:<id>:level:` stops the escalation. */
export const DOUBT_ESCALATE = 'doubt.escalate';
export const DOUBT_REMIND = 'doubt.remind';
export const doubtLevelKey = (id: number, level: number) => `doubt:${id}:level:${level}`;
export const doubtLevelPrefix = (id: number) => `doubt:${id}:level:`;
export const doubtRemindKey = (id: number, round: string) => `doubt:${id}:remind:${round}`;
export const doubtRemindPrefix = (id: number) => `doubt:${id}:remind:`;
export const doubtPrefix = (id: number) => `doubt:${id}:`;
export const doubtCardKey = (id: number) => `doubt:${id}`;

