import { ChatDeliveryError } from '../../application/chat/ports.ts';
import { t } from '../../templates.ts';

export interface RetryOptions {
  /** Tries in all, the first included. */
  attempts: number;
  baseDelayMs: number;
  /** Longest wait between two tries; a Retry-After above it makes the adapter give up (retryable) at once. */
  maxDelayMs: number;
  /** All waits between tries together stay within this (absent: no limit); beyond it the call fails as retryable. */
  maxTotalWaitMs?: number;
  /** Waits; injected so tests never sleep on the wall clock. */
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: Omit<RetryOptions, 'sleep'> = { attempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000 };
export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export type Failure =
  | { kind: 'transient'; reason: string; retryAfterMs?: number }
  | { kind: 'permanent'; reason: string; status?: number };

const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE',
  'EHOSTUNREACH', 'ENETUNREACH', 'REQUEST_SEND_ERROR', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT',
]);
/** MSAL (token endpoint) error codes that mean the network, not the credentials. */
const MSAL_NETWORK_CODES = new Set(['network_error', 'endpoints_resolution_error', 'openid_config_error']);

interface HttpLikeError {
  statusCode?: number;
  code?: string;
  errorCode?: string;
  name?: string;
  response?: { headers?: { get?(name: string): string | undefined } };
}

export function retryAfterMs(header: string | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** 429 (with Retry-After), 408, 5xx and network errors are worth another try; anything else is final. */
export function classifyError(e: unknown): Failure {
  const err = (e && typeof e === 'object' ? e : {}) as HttpLikeError;
  const status = err.statusCode;
  if (typeof status === 'number') {
    if (status === 429) return { kind: 'transient', reason: 'HTTP 429', retryAfterMs: retryAfterMs(err.response?.headers?.get?.('retry-after')) };
    if (status === 408 || status >= 500) return { kind: 'transient', reason: `HTTP ${status}` };
    return { kind: 'permanent', reason: `HTTP ${status}`, status };
  }
  if (err.code && NETWORK_CODES.has(err.code)) return { kind: 'transient', reason: err.code };
  if (err.errorCode && MSAL_NETWORK_CODES.has(err.errorCode)) return { kind: 'transient', reason: `token: ${err.errorCode}` };
  if (err.errorCode) return { kind: 'permanent', reason: `token: ${err.errorCode}` };
  return { kind: 'permanent', reason: err.name ?? 'Error' };
}

/** Turns a final failure into the error the chat core understands. */
export function deliveryError(failure: Failure, attempts: number): ChatDeliveryError {
  if (failure.kind === 'transient') {
    return new ChatDeliveryError('teams', t('teams.delivery.gaveUp', { attempts, reason: failure.reason }), true);
  }
  const message = failure.status
    ? t('teams.delivery.refused', { status: failure.status })
    : t('teams.delivery.failed', { reason: failure.reason });
  return new ChatDeliveryError('teams', message, false);
}

/** Runs one platform call, retrying transient failures with exponential backoff (or the server's Retry-After). */
export async function withRetry<T>(op: () => Promise<T>, options: RetryOptions): Promise<T> {
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await op();
    } catch (e) {
      if (e instanceof ChatDeliveryError) throw e;
      const failure = classifyError(e);
      if (failure.kind === 'permanent') throw Object.assign(deliveryError(failure, attempt), { cause: e });
      const backoff = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
      const wait = failure.retryAfterMs ?? backoff;
      const overBudget = options.maxTotalWaitMs !== undefined && waited + wait > options.maxTotalWaitMs;
      if (attempt >= options.attempts || wait > options.maxDelayMs || overBudget) {
        throw Object.assign(deliveryError(failure, attempt), { cause: e });
      }
      waited += wait;
      await options.sleep(wait);
    }
  }
}
