import { webApi } from '@slack/bolt';
import { ChatDeliveryError } from '../../application/chat/ports.ts';

/** The one retry policy for Web API calls (the WebClient's own retries are turned off). */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the call fails as retryable. */
  maxRetryAfterMs: number;
  /** All waits between retries together stay within this (absent: no limit); beyond it the call fails as retryable. */
  maxTotalWaitMs?: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000, maxRetryAfterMs: 300_000 };

/** A ChatDeliveryError that keeps Slack's error code (e.g. message_not_found) for callers that react to it. */
export class SlackDeliveryError extends ChatDeliveryError {
  constructor(
    message: string,
    retryable: boolean,
    readonly platformError?: string,
  ) {
    super('slack', message, retryable);
  }
}

export type Sleep = (ms: number) => Promise<void>;
export const wallClockSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * rate-limited: refused with 429, nothing happened. ambiguous: the request may have been carried out (network
 * failure or timeout after sending, 5xx). fatal: Slack refused it for good (bad channel, invalid blocks...).
 */
export type Failure =
  | { kind: 'rate-limited'; retryAfterMs: number; reason: string }
  | { kind: 'ambiguous'; reason: string }
  | { kind: 'fatal'; reason: string; platformError?: string };

const TRANSIENT_PLATFORM_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

export function classify(e: unknown): Failure {
  const err = e as { code?: string; retryAfter?: number; statusCode?: number; data?: { error?: string }; message?: string };
  switch (err.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { kind: 'rate-limited', retryAfterMs: (err.retryAfter ?? 1) * 1000, reason: `429 retry-after ${err.retryAfter}s` };
    case webApi.ErrorCode.RequestError:
      return { kind: 'ambiguous', reason: `network: ${err.message ?? 'request failed'}` };
    case webApi.ErrorCode.HTTPError:
      return (err.statusCode ?? 0) >= 500
        ? { kind: 'ambiguous', reason: `HTTP ${err.statusCode}` }
        : { kind: 'fatal', reason: `HTTP ${err.statusCode}` };
    case webApi.ErrorCode.PlatformError: {
      const code = err.data?.error ?? 'unknown';
      return TRANSIENT_PLATFORM_ERRORS.has(code)
        ? { kind: 'ambiguous', reason: `slack error ${code}` }
        : { kind: 'fatal', reason: `slack error ${code}`, platformError: code };
    }
    default:
      return { kind: 'fatal', reason: err.message ?? String(e) };
  }
}

function delayFor(failure: Failure, attempt: number, policy: RetryPolicy): number {
  if (failure.kind === 'rate-limited') return failure.retryAfterMs;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

/**
 * Runs `call` until it succeeds, retrying 429 (after Retry-After), 5xx and network failures with exponential
 * backoff. `call` learns the failures so far (to look for a message a lost answer may have posted).
 */
export async function withRetry<T>(
  label: string,
  call: (previous: Failure[]) => Promise<T>,
  policy: RetryPolicy,
  sleep: Sleep,
): Promise<T> {
  const failures: Failure[] = [];
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(failures);
    } catch (e) {
      if (e instanceof ChatDeliveryError) throw e;
      const failure = classify(e);
      failures.push(failure);
      if (failure.kind === 'fatal') throw new SlackDeliveryError(`${label}: ${failure.reason}`, false, failure.platformError);
      const delay = delayFor(failure, attempt, policy);
      const overBudget = policy.maxTotalWaitMs !== undefined && waited + delay > policy.maxTotalWaitMs;
      if (attempt >= policy.maxAttempts || delay > policy.maxRetryAfterMs || overBudget) {
        throw new SlackDeliveryError(`${label}: gave up after ${attempt} attempts (${failure.reason})`, true);
      }
      waited += delay;
      await sleep(delay);
    }
  }
}
