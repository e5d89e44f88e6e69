import type { Clock, Logger } from '../ports.ts';
import { AppError, ErrorCode, isAppError } from '../../errors.ts';
import { t } from '../../templates.ts';
import type { ChatInbound, InboundEnvelope, InboundReceipt, InboxStore, StoredInbound } from './ports.ts';
import type { FormView } from './view.ts';

/** What the inbox knows about the event it hands to `process`. */
export interface InboundMeta {
  /** The InboundEvent row's id: stable across retries, restarts and instances. */
  eventId: number;
}

export interface InboxSettings {
  /** Attempts (claims, including ones a crash interrupted) before an event is parked. */
  maxAttempts: number;
  /** How long one attempt may take; then the inbox moves on (the work may go on) and counts a failed attempt. */
  timeBudgetMs: number;
  /** How long a claim keeps other instances off the event: longer than the time budget. */
  leaseMs: number;
}

export const DEFAULT_INBOX_SETTINGS: InboxSettings = { maxAttempts: 3, timeBudgetMs: 30_000, leaseMs: 45_000 };

/** An event given up on: state failed, kept with its error for the operator (`kaiheisen events`). */
export interface ParkedEvent {
  id: number;
  envelope: InboundEnvelope;
  attempts: number;
  error: string;
}

/** Calls `onElapsed` after `ms` on the wall clock; returns a cancel function. */
export type BudgetTimer = (ms: number, onElapsed: () => void) => () => void;

export interface InboxDeps {
  store: InboxStore;
  logger: Logger;
  clock: Clock;
  /**
   * This instance: the owner of its claims. Its own claims are free to it whenever no attempt runs: one a failed write
   * left behind is taken again on the next poll, and a restart with the same id takes its claims back at once.
   */
  owner: string;
  settings?: Partial<InboxSettings>;
  /** The time budget on the wall clock; it is also checked against `clock` on every poll (virtual clocks). */
  timer?: BudgetTimer;
  /** Does the work of one event (the dispatcher). `eventId` is the stored event's id (idempotency keys). */
  process(envelope: InboundEnvelope, meta: InboundMeta): Promise<void>;
  /** Once per parked event: tell the sender and alert an admin. */
  onParked?(event: ParkedEvent): Promise<void>;
  /** An event could not be stored (the platform gets an error and retries): raise the alarm. */
  onStoreFailed?(envelope: InboundEnvelope, error: Error): void;
  /** A form to open at once for a button press (Slack's trigger_id lives 3 s); read-only. */
  formFor?(envelope: InboundEnvelope): Promise<FormView | undefined>;
  /**
   * Field errors of a form submission, for platforms that show them on the open form (Slack); read-only. A
   * submission with errors is not stored: nothing happens until the person corrects and submits again.
   */
  formErrorsFor?(envelope: InboundEnvelope): Promise<Record<string, string> | undefined>;
}

export interface Inbox extends ChatInbound {
  /** Resolves when no event is left that this instance may work on now (tests, shutdown). */
  drain(): Promise<void>;
  /** At start: starts on every event free to this owner. Returns how many were free. */
  recover(): Promise<number>;
  /** The poller: ends attempts over their time budget at `now`, picks up events that became free. Does not wait for the work. */
  poll(now: Date): Promise<void>;
  /** Finishes the free events (an attempt over budget is left to the next start), then claims nothing more. */
  stop(): Promise<void>;
}

type Outcome = 'done' | 'overrun' | { error: string; keyUnavailable: boolean };

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Persist first, then work: an event is stored (deduplicated across instances by the database) and committed before
 * the platform is acknowledged. Work is claimed in the database with an owner and a lease, one sender's events in
 * order, whichever instance received them; an event that fails or overruns its budget `maxAttempts` times is parked.
 */
export function createInbox(deps: InboxDeps): Inbox {
  const settings = { ...DEFAULT_INBOX_SETTINGS, ...deps.settings };
  const { store, logger, clock, owner } = deps;
  let running: Promise<void> | undefined;
  let again = false;
  let stopping = false;
  let current: { started: number; elapsed: () => void } | undefined;
  /** Events that overran while stopping: not taken again by this instance. */
  const leftWhileStopping = new Set<number>();

  async function attempt(event: StoredInbound): Promise<Outcome> {
    let elapsed!: () => void;
    const overrun = new Promise<'overrun'>((resolve) => (elapsed = () => resolve('overrun')));
    current = { started: clock.now().getTime(), elapsed };
    const cancel = deps.timer?.(settings.timeBudgetMs, elapsed);
    const work = Promise.resolve()
      .then(() => deps.process(event.envelope, { eventId: event.id }))
      .then((): Outcome => 'done', (e: unknown): Outcome => ({ error: messageOf(e), keyUnavailable: isAppError(e) && e.code === ErrorCode.KeyUnavailable }));
    try {
      const outcome = await Promise.race([work, overrun]);
      if (outcome === 'overrun') void work.then((late) => logger.warn('inbound event finished after its time budget', { id: event.id, outcome: late === 'done' ? 'done' : 'failed' }));
      return outcome;
    } finally {
      cancel?.();
      current = undefined;
    }
  }

  async function park(id: number, error: string, envelope?: InboundEnvelope, attempts = settings.maxAttempts): Promise<void> {
    if (!(await store.park(id, owner, error, clock.now()))) return;
    const event = envelope ?? (await store.load(id))?.envelope;
    logger.error('inbound event parked', { id, platform: event?.platform, attempts, error });
    if (event) await deps.onParked?.({ id, envelope: event, attempts, error }).catch((e: unknown) => logger.error('parked event not reported', { id, error: messageOf(e) }));
  }

  async function handle(event: StoredInbound): Promise<void> {
    const outcome = await attempt(event);
    if (outcome === 'done') return store.markDone(event.id, clock.now());
    if (outcome !== 'overrun' && outcome.keyUnavailable) return holdOff(event, outcome.error);
    const error = outcome === 'overrun' ? `time budget of ${settings.timeBudgetMs} ms exceeded` : outcome.error;
    logger.warn('inbound event attempt failed', { id: event.id, platform: event.envelope.platform, attempt: event.attempts, error });
    if (event.attempts >= settings.maxAttempts) return park(event.id, error, event.envelope, event.attempts);
    if (outcome === 'overrun' && stopping) leftWhileStopping.add(event.id);
    await store.release(event.id, owner, error);
  }

  /**
   * This instance cannot write under the current key: the event goes back (its attempt not counted against it) and
   * this instance takes no event for a lease's time, so an instance with the key takes it; the alarm is logged.
   */
  let heldUntil = 0;
  async function holdOff(event: StoredInbound, error: string): Promise<void> {
    heldUntil = clock.now().getTime() + settings.leaseMs;
    logger.error('inbound events held: this instance lacks the current data key', { id: event.id, error });
    await store.release(event.id, owner, error, { uncount: true });
  }

  /** Takes free events, oldest first, until none is left. */
  async function pumpAll(): Promise<void> {
    if (clock.now().getTime() < heldUntil) return;
    for (let lost = 0; lost < 3 && clock.now().getTime() >= heldUntil; ) {
      const now = clock.now();
      const next = await store.next(now, owner, [...leftWhileStopping]);
      if (!next) return;
      if (next.attempts >= settings.maxAttempts) {
        await park(next.id, `no attempt finished (${next.attempts} started; the process stopped or crashed during them)`, undefined, next.attempts);
        continue;
      }
      const attempts = await store.claim(next.id, owner, now, new Date(now.getTime() + settings.leaseMs));
      const event = attempts === undefined ? undefined : await store.load(next.id);
      if (!event || attempts === undefined) {
        lost++; // another instance was quicker
        continue;
      }
      await handle({ ...event, attempts });
    }
  }

  async function loop(): Promise<void> {
    try {
      while (again) {
        again = false;
        await pumpAll().catch((e: unknown) => logger.error('inbox could not take the next event', { error: messageOf(e) }));
      }
    } finally {
      running = undefined;
    }
  }

  function kick(): Promise<void> {
    again = true;
    running ??= loop();
    return running;
  }

  async function drain(): Promise<void> {
    while (running) await running;
  }

  // A failed check is no reason to lose the submission: it is stored and its handler checks again.
  const checkFailed = (e: unknown, envelope: InboundEnvelope): undefined => {
    logger.warn('form check on receipt failed', { platform: envelope.platform, error: messageOf(e) });
    return undefined;
  };

  async function stored(envelope: InboundEnvelope): Promise<{ id: number; duplicate: boolean }> {
    try {
      return await store.store(envelope);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      logger.error('inbound event not stored: the platform gets an error and retries', { platform: envelope.platform, error: error.message });
      deps.onStoreFailed?.(envelope, error);
      throw new AppError(ErrorCode.DatabaseUnwritable, t('inbox.notStored'), { cause: error.message });
    }
  }

  return {
    async receive(envelope: InboundEnvelope): Promise<InboundReceipt> {
      const formErrors = deps.formErrorsFor ? await deps.formErrorsFor(envelope).catch((e: unknown) => checkFailed(e, envelope)) : undefined;
      if (formErrors) return { duplicate: false, formErrors };
      const { duplicate } = await stored(envelope);
      if (duplicate) {
        logger.info('duplicate inbound event ignored', { platform: envelope.platform, eventKey: envelope.eventKey });
        return { duplicate: true };
      }
      const form = deps.formFor ? await deps.formFor(envelope).catch(() => undefined) : undefined;
      void kick();
      return form ? { duplicate: false, form } : { duplicate: false };
    },
    drain,
    async recover(): Promise<number> {
      const free = await store.countFree(clock.now(), owner);
      void kick();
      return free;
    },
    async poll(now: Date): Promise<void> {
      if (current && now.getTime() - current.started >= settings.timeBudgetMs) current.elapsed();
      if (!stopping) void kick();
    },
    async stop(): Promise<void> {
      stopping = true;
      await drain();
    },
  };
}
