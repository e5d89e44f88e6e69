import type { AuditEntry } from '../../application/ports.ts';
import type { UndoOutcome } from '../../application/import/ports.ts';

/** How an import's staging area publishes: step sizes and pauses, the same on both dialects. */
export interface StagingOptions {
  /** Orders per step, fixed (tests). By default the step size adapts so that a step holds the lock ~STEP_TARGET_MS. */
  stepRows?: number;
  /** Waits between two steps (tests: no wait). */
  pause?: (ms: number) => Promise<void>;
}

/** How long a step may hold the write lock: another process's INSERT waits at most about this (bench/ack-under-load). */
const STEP_TARGET_MS = 10;
const STEP_ROWS = { first: 250, min: 50, max: 2_000 };
/** Between two steps the lock stays free at least this long, and as long as the last step held it. */
const MIN_PAUSE_MS = 5;
/** Staged orders between two full garbage collections (~20 ms each): a year's file, a dozen of them. */
export const COLLECT_EVERY_ROWS = 20_000;

/** WAL frames the import lets pile up between two checkpoints: SQLite's automatic one starts at 1,000 (the rest: the bot's). */
const WAL_FRAMES_BETWEEN_CHECKPOINTS = 700;
const MAX_STEPS_BETWEEN_CHECKPOINTS = 50;

/**
 * When an import checkpoints (SQLite): after every step at first, then every n steps, n from the frames the steps
 * since the last checkpoint left in the WAL, so that the WAL stays below WAL_FRAMES_BETWEEN_CHECKPOINTS. Steps that
 * touch many pages (encrypted rows: their blind indexes are random) checkpoint often, small ones seldom.
 */
export class WalCheckpoints {
  private every = 1;
  private since = 0;

  /** checkpoint(): runs one, returns the WAL's frames before it. */
  afterStep(checkpoint: () => number): void {
    if (++this.since < this.every) return;
    const framesPerStep = Math.max(1, checkpoint() / this.since);
    this.every = Math.max(1, Math.min(MAX_STEPS_BETWEEN_CHECKPOINTS, Math.floor(WAL_FRAMES_BETWEEN_CHECKPOINTS / framesPerStep)));
    this.since = 0;
  }
}

/** What one committed step wrote, as [id, line] pairs (numbers only: a year of orders stays small). */
export interface Step {
  inserted: number[];
  updated: number[];
}

/** The steps' size, their timing and the pause between them. */
export class StepPacer {
  stepRows: number;
  private lastStepMs = 0;
  private longestStepMs = 0;
  private transactions = 0;
  private pausedMs = 0;

  constructor(private readonly options: StagingOptions) {
    this.stepRows = options.stepRows ?? STEP_ROWS.first;
  }

  /** Records how long a transaction held the lock (from `started`, when it had it). */
  timed(started: number): void {
    this.lastStepMs = performance.now() - started;
    this.longestStepMs = Math.max(this.longestStepMs, this.lastStepMs);
    this.transactions++;
  }

  /** Towards steps that hold the lock STEP_TARGET_MS, by the last one's rows and time (half way each step). */
  adapt(step: Step): void {
    const rows = (step.inserted.length + step.updated.length) / 2;
    if (this.options.stepRows !== undefined || rows < STEP_ROWS.min) return;
    const ideal = (rows * STEP_TARGET_MS) / Math.max(this.lastStepMs, 1);
    this.stepRows = Math.round(Math.min(STEP_ROWS.max, Math.max(STEP_ROWS.min, (this.stepRows + ideal) / 2)));
  }

  pause(): Promise<void> {
    const pause = this.options.pause ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const ms = Math.max(MIN_PAUSE_MS, Math.ceil(this.lastStepMs));
    this.pausedMs += ms;
    return pause(ms);
  }

  stats(): { steps: number; longestStepMs: number; pausedMs: number } {
    return { steps: this.transactions, longestStepMs: Math.round(this.longestStepMs), pausedMs: this.pausedMs };
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
