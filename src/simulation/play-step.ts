import type { VirtualClock } from '../adapters/clock/clocks.ts';
import type { ConsoleDelivery } from '../adapters/console/console-adapter.ts';
import { ConsoleInputError } from '../adapters/console/input-error.ts';
import type { Bot } from '../assembly/assemble-bot.ts';
import { tokyoDate, tokyoInstant } from '../domain/calendar/local-time.ts';
import { t } from '../templates.ts';
import { checkExpectation } from './expectations.ts';
import type { FailureMask } from './failure-masking.ts';
import type { SimulationStep } from './script.ts';

export interface StepState {
  bot: Bot;
  clock: VirtualClock;
  /** What the last action delivered: the window `expect` looks at. */
  window: ConsoleDelivery[];
  write(text: string): void;
  /** The `import:` step (import-step.ts): imports the file, runs what is due, returns what that delivered. */
  importFile?(file: string): Promise<ConsoleDelivery[]>;
  /** The `recorded:` check: why the day's order has no result yet, or undefined when it has one. */
  recorded?(orderRef: string): Promise<string | undefined>;
  /** What masks the personal data of the messages a failed expectation quotes (failure-masking.ts). */
  failureMask?(): Promise<FailureMask>;
}

export interface StepOutcome {
  checks: number;
  failure?: { what: string; reason: string };
}

class StepFailure extends Error {}

function instantOf(at: string, clock: VirtualClock): Date {
  const [date, time] = at.includes(' ') ? (at.split(' ') as [string, string]) : [tokyoDate(clock.now()), at];
  return tokyoInstant(date, time);
}

/** Moves the clock as the console's /time does: every job and durable timer due on the way runs at its time. */
async function advance(state: StepState, at: string): Promise<ConsoleDelivery[]> {
  const next = instantOf(at, state.clock);
  if (next < state.clock.now()) {
    throw new StepFailure(t('simulate.clockBack', { at, now: state.clock.now().toISOString() }));
  }
  const adapter = state.bot.console!.adapter;
  const before = adapter.lastSeq();
  await state.bot.clock!.advanceTo(next);
  return adapter.deliveries(before);
}

/** The step's one action, as the transcript names it, and what it delivered. */
async function act(state: StepState, step: SimulationStep): Promise<ConsoleDelivery[] | undefined> {
  const session = state.bot.console!.session;
  if (step.at !== undefined) return advance(state, step.at);
  if (step.say !== undefined) return session.say(step.say);
  if (typeof step.press === 'number') return session.press(step.press, step.in);
  if (typeof step.press === 'string') return session.pressLabel(step.press, step.of, step.in);
  if (step.submit !== undefined) return session.submit(step.submit);
  if (step.attach !== undefined) return session.attach(step.attach);
  if (step.import !== undefined) return state.importFile!(step.import);
  return undefined;
}

function describe(step: SimulationStep, user: string | undefined): string {
  const u = user ?? '?';
  if (step.at !== undefined) return t('simulate.what.at', { value: step.at });
  if (step.say !== undefined) return t('simulate.what.say', { user: u, value: step.say });
  if (step.press !== undefined) return t('simulate.what.press', { user: u, value: String(step.press) });
  if (step.submit !== undefined) return t('simulate.what.submit', { user: u });
  if (step.attach !== undefined) return t('simulate.what.attach', { user: u, value: step.attach });
  if (step.import !== undefined) return t('simulateSteps.what.import', { value: step.import });
  if (step.expect !== undefined) return t('simulate.what.expect');
  if (step.as !== undefined) return t('simulate.what.as', { user: u });
  return t('simulate.what.note');
}

/** Plays one step: switch user, act, check. A typing mistake or a failed expectation fails the step. */
export async function playStep(state: StepState, step: SimulationStep, n: number): Promise<StepOutcome> {
  const session = state.bot.console!.session;
  if (step.as !== undefined) session.as(step.as);
  const what = describe(step, session.currentUser);
  state.write(`${t('simulate.transcriptStep', { step: t('simulate.step', { n }), what })}\n`);
  if (step.note) state.write(`  ${step.note}\n`);
  try {
    const delivered = await act(state, step);
    if (delivered) state.window = delivered;
  } catch (e) {
    if (e instanceof StepFailure || e instanceof ConsoleInputError) return { checks: 0, failure: { what, reason: e.message } };
    throw e;
  }
  const { checks, reason } = await checkStep(state, step);
  return reason ? { checks, failure: { what, reason } } : { checks };
}

/** The step's expectations on its window, then its `recorded:` order; the first reason it fails. */
export async function checkStep(state: StepState, step: SimulationStep): Promise<{ checks: number; reason?: string }> {
  const session = state.bot.console!.session;
  let checks = 0;
  for (const expect of step.expect ?? []) {
    const window = expect.since === 'start' ? state.bot.console!.adapter.deliveries() : state.window;
    checks += 1;
    if (checkExpectation(expect, window, session.currentUser) === undefined) continue;
    // Failed: said again with the received messages masked (the day's orders are read only now).
    const mask = state.failureMask ? await state.failureMask() : undefined;
    return { checks, reason: checkExpectation(expect, window, session.currentUser, mask) };
  }
  if (step.recorded !== undefined && state.recorded) {
    checks += 1;
    const reason = await state.recorded(step.recorded);
    if (reason) return { checks, reason };
  }
  return { checks };
}
