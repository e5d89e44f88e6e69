import type { AuditEntry } from '../../application/ports.ts';
import type { StepStats, UndoOutcome } from '../../application/import/ports.ts';
import { HEARTBEAT_FRESH_MS } from './bot-presence.ts';

/** How an import's staging area publishes: step sizes and pauses, the same on both dialects. */
export interface StagingOptions {
  /** Orders per step, fixed (tests). By default the step size adapts so that a step holds the lock ~STEP_TARGET_MS. */
  stepRows?: number;
  /** Waits between two steps while a bot runs (tests: no wait). */
  pause?: (ms: number) => Promise<void>;
  /** The wall time of a running bot's last heartbeat (createImportStaging: its PollerMark row); none given: always polite. */
  lastHeartbeat?: () => Promise<Date | undefined>;
  /** The wall clock the heartbeat's age and the spacing of looks at it are measured on (tests: a counter). */
  wallNow?: () => number;
  /** Looks at the heartbeat again after this many ms of import (tests: 0, at every step). */
  recheckMs?: number;
}

/** How long a step may hold the write lock: another process's INSERT waits at most about this (bench/ack-under-load). */
const STEP_TARGET_MS = 10;
const STEP_ROWS = { first: 250, min: 50, max: 2_000 };
/** Between two steps the lock stays free at least this long, and as long as the last step held it. */
const MIN_PAUSE_MS = 5;
/** Staged orders between two full garbage collections (~20 ms each): a year's file, a dozen of them. */
export const COLLECT_EVERY_ROWS = 20_000;
/** With no bot running: orders per step (a few hundred ms of lock), no pause, and a look at the heartbeat this often. */
const ALONE_STEP_ROWS = 5_000;
const RECHECK_MS = 3_000;

/** WAL frames the import lets pile up between two checkpoints: SQLite's automatic one starts at 1,000 (the rest: the bot's). */
const WAL_FRAMES_BETWEEN_CHECKPOINTS = 700;
/** With no bot running nobody else's commit would copy them: a larger WAL (~80 MB) and far fewer checkpoints. */
const ALONE_WAL_FRAMES = 20_000;
const MAX_STEPS_BETWEEN_CHECKPOINTS = 50;

/**
 * When an import checkpoints (SQLite): after every step at first, then every n steps, n from the frames the steps
 * since the last checkpoint left in the WAL, so that the WAL stays below WAL_FRAMES_BETWEEN_CHECKPOINTS. Steps that
 * touch many pages (encrypted rows: their blind indexes are random) checkpoint often, small ones seldom. Alone (no
 * bot), the WAL may grow to ALONE_WAL_FRAMES; when a bot appears, the next step checkpoints at once.
 */
export class WalCheckpoints {
  private every = 1;
  private since = 0;
  private wasAlone = false;

  /** checkpoint(): runs one, returns the WAL's frames before it. */
  afterStep(checkpoint: () => number, alone = false): void {
    if (this.wasAlone && !alone) this.every = 1;
    this.wasAlone = alone;
    if (++this.since < this.every) return;
    const framesPerStep = Math.max(1, checkpoint() / this.since);
    const budget = alone ? ALONE_WAL_FRAMES : WAL_FRAMES_BETWEEN_CHECKPOINTS;
    this.every = Math.max(1, Math.min(MAX_STEPS_BETWEEN_CHECKPOINTS, Math.floor(budget / framesPerStep)));
    this.since = 0;
  }
}

/** What one committed step wrote, as [id, line] pairs (numbers only: a year of orders stays small). */
export interface Step {
  inserted: number[];
  updated: number[];
}

/**
 * The steps' size, their timing and the pause between them. While a bot runs on the database (its heartbeat is
 * fresh), steps are short and followed by a pause as long, so that its writes never wait long. With none (an import
 * before the bot starts, or at night with the bot stopped), steps are large and unpaused; the heartbeat is looked at
 * again every RECHECK_MS of import, so a bot starting meanwhile gets the short steps from its next step on.
 */
export class StepPacer {
  private politeRows: number;
  private isAlone = false;
  private lookedAt: number | undefined;
  private lastStepMs = 0;
  private longestStepMs = 0;
  private transactions = 0;
  private aloneSteps = 0;
  private pausedMs = 0;

  constructor(private readonly options: StagingOptions) {
    this.politeRows = options.stepRows ?? STEP_ROWS.first;
  }

  get stepRows(): number {
    return this.options.stepRows ?? (this.isAlone ? ALONE_STEP_ROWS : this.politeRows);
  }

  /** Reads the heartbeat, unless it was read less than recheckMs ago. */
  async look(): Promise<void> {
    const { lastHeartbeat, wallNow = Date.now, recheckMs = RECHECK_MS } = this.options;
    if (!lastHeartbeat) return; // nobody to ask: polite
    if (this.lookedAt !== undefined && wallNow() - this.lookedAt < recheckMs) return;
    const beat = await lastHeartbeat();
    this.lookedAt = wallNow();
    this.isAlone = beat === undefined || this.lookedAt - beat.getTime() > HEARTBEAT_FRESH_MS;
  }

  /** Records how long a transaction held the lock (from `started`, when it had it). */
  timed(started: number): void {
    this.lastStepMs = performance.now() - started;
    this.longestStepMs = Math.max(this.longestStepMs, this.lastStepMs);
    this.transactions++;
    if (this.isAlone) this.aloneSteps++;
  }

  /** Towards steps that hold the lock STEP_TARGET_MS, by the last one's rows and time (half way each step). */
  adapt(step: Step): void {
    const rows = (step.inserted.length + step.updated.length) / 2;
    if (this.options.stepRows !== undefined || this.isAlone || rows < STEP_ROWS.min) return;
    const ideal = (rows * STEP_TARGET_MS) / Math.max(this.lastStepMs, 1);
    this.politeRows = Math.round(Math.min(STEP_ROWS.max, Math.max(STEP_ROWS.min, (this.politeRows + ideal) / 2)));
  }

  /**
   * Between two steps: looks at the heartbeat (when due), runs `then` (alone or not: a checkpoint), then pauses,
   * alone not at all, else at least as long as the last step held the lock.
   */
  async pause(then?: (alone: boolean) => void): Promise<void> {
    await this.look();
    then?.(this.isAlone);
    if (this.isAlone) return;
    const pause = this.options.pause ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const ms = Math.max(MIN_PAUSE_MS, Math.ceil(this.lastStepMs));
    this.pausedMs += ms;
    return pause(ms);
  }

  stats(): StepStats {
    return { steps: this.transactions, aloneSteps: this.aloneSteps, longestStepMs: Math.round(this.longestStepMs), pausedMs: this.pausedMs };
  }
}

/** What undoing the published steps needs of a staging area, whichever the dialect. */
export interface StepUndo {
  breathe(): Promise<void>;
  inTransaction(fn: () => Promise<void>): Promise<void>;
  /** Undoes one step's rows; the audit entries of the orders it reversed. */
  undoStep(step: Step, outcome: UndoOutcome): Promise<AuditEntry[]> | AuditEntry[];
  audit(entries: AuditEntry[]): Promise<void>;
}

/**
 * Undoes the steps newest first, each in a transaction of its own with its audit entries, pausing between them as
 * publishing does; the last transaction (the only one when nothing was published) also records `last`.
 */
export async function undoSteps(steps: Step[], staging: StepUndo, last: (outcome: UndoOutcome) => AuditEntry): Promise<UndoOutcome> {
  const outcome: UndoOutcome = { removed: 0, restored: 0, kept: 0 };
  const newestFirst = [...steps].reverse();
  for (let i = 0; i < newestFirst.length || i === 0; i++) {
    if (i > 0) await staging.breathe();
    const step = newestFirst[i];
    await staging.inTransaction(async () => {
      const audits = step ? await staging.undoStep(step, outcome) : [];
      await staging.audit(i >= newestFirst.length - 1 ? [...audits, last(outcome)] : audits);
    });
  }
  return outcome;
}
