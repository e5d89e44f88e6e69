/** A pending step that must survive a restart: next escalation level, re-page, reminder. */
export interface TimerSpec {
  kind: string;
  dueAt: Date;
  payload: Record<string, unknown>;
  /** Scheduling the same key twice keeps one timer (the first). */
  dedupeKey?: string;
}

export interface ClaimedTimer {
  id: number;
  kind: string;
  dueAt: Date;
  payload: Record<string, unknown>;
  attempts: number;
  /** Set by `overdue()` for a step that was given up after too many failed attempts. */
  failed?: boolean;
}

export interface TimerStore {
  schedule(spec: TimerSpec): Promise<number>;
  /** Cancels pending timers whose dedupe key starts with the prefix (e.g. 'doubt:12:'). Returns how many. */
  cancelByPrefix(prefix: string): Promise<number>;
  /**
   * Claims due timers for this instance with a conditional update: of two instances only one wins each timer.
   * Claims older than the lease (an instance died mid-step) are claimable again.
   */
  claimDue(now: Date, instanceId: string, leaseMs: number, limit: number): Promise<ClaimedTimer[]>;
  complete(id: number, now: Date): Promise<void>;
  /** Marks a pending timer done by its key: a step just run in-process is not run again by the runner. */
  completeByKey(dedupeKey: string): Promise<void>;
  /** Whether the timer of this key is still to run (pending): a step a crash interrupted before it ran. */
  isPending(dedupeKey: string): Promise<boolean>;
  /** Puts the timer back for a later retry, or gives up after too many attempts. */
  retry(id: number, error: string, retryAt: Date, giveUp: boolean): Promise<void>;
  /** Pending timers overdue by more than `lateMs`, and steps given up after failing: chains that should have moved and did not. */
  overdue(now: Date, lateMs: number): Promise<ClaimedTimer[]>;
}
