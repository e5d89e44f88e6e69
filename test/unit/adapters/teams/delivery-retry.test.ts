import { describe, expect, it } from 'vitest';
import { ChatDeliveryError } from '../../../../src/application/chat/ports.ts';
import { DEFAULT_RETRY, classifyError, retryAfterMs, withRetry } from '../../../../src/adapters/teams/delivery-retry.ts';
import { recordingSleep } from '../../../support/teams-fixtures.ts';

const httpError = (statusCode: number, retryAfter?: string) =>
  Object.assign(new Error(`HTTP ${statusCode}`), { name: 'RestError', statusCode, response: { headers: { get: (h: string) => (h === 'retry-after' ? retryAfter : undefined) } } });

function failing(errors: unknown[], result = 'ok') {
  let calls = 0;
  const op = async () => {
    const e = errors[calls++];
    if (e) throw e;
    return result;
  };
  return { op, calls: () => calls };
}

describe('classifyError', () => {
  it('sorts platform failures into transient and permanent', () => {
    expect(classifyError(httpError(429, '7'))).toEqual({ kind: 'transient', reason: 'HTTP 429', retryAfterMs: 7000 });
    expect(classifyError(httpError(502))).toEqual({ kind: 'transient', reason: 'HTTP 502' });
    expect(classifyError(httpError(403))).toEqual({ kind: 'permanent', reason: 'HTTP 403', status: 403 });
    expect(classifyError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toMatchObject({ kind: 'transient' });
    expect(classifyError(Object.assign(new Error('msal'), { errorCode: 'network_error' }))).toMatchObject({ kind: 'transient' });
    expect(classifyError(Object.assign(new Error('msal'), { errorCode: 'invalid_client' }))).toMatchObject({ kind: 'permanent' });
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('0')).toBe(0);
    expect(retryAfterMs('Fri, 27 Mar 2026 00:00:30 GMT', Date.parse('2026-03-27T00:00:00Z'))).toBe(30_000);
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});

describe('withRetry', () => {
  it('waits Retry-After on 429, backs off exponentially on 5xx, then succeeds', async () => {
    const { waits, sleep } = recordingSleep();
    const f = failing([httpError(429, '7'), httpError(503), httpError(500), Object.assign(new Error('x'), { code: 'ETIMEDOUT' })]);
    await expect(withRetry(f.op, { ...DEFAULT_RETRY, sleep })).resolves.toBe('ok');
    expect(waits).toEqual([7000, 2000, 4000, 8000]);
    expect(f.calls()).toBe(5);
  });

  it('gives up after the last attempt with a retryable ChatDeliveryError', async () => {
    const { waits, sleep } = recordingSleep();
    const f = failing(Array.from({ length: 9 }, () => httpError(502)));
    const error = await withRetry(f.op, { ...DEFAULT_RETRY, attempts: 3, sleep }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatDeliveryError);
    expect(error).toMatchObject({ platform: 'teams', retryable: true });
    expect(f.calls()).toBe(3);
    expect(waits).toEqual([1000, 2000]);
  });

  it('does not retry a refusal', async () => {
    const { waits, sleep } = recordingSleep();
    const f = failing([httpError(403)]);
    await expect(withRetry(f.op, { ...DEFAULT_RETRY, sleep })).rejects.toMatchObject({ name: 'ChatDeliveryError', retryable: false });
    expect(f.calls()).toBe(1);
    expect(waits).toEqual([]);
  });

  it('gives up at once (retryable) when Retry-After is longer than it may wait', async () => {
    const { waits, sleep } = recordingSleep();
    const f = failing([httpError(429, '3600')]);
    await expect(withRetry(f.op, { ...DEFAULT_RETRY, sleep })).rejects.toMatchObject({ retryable: true });
    expect(waits).toEqual([]);
  });
});
