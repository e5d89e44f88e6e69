import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { classify, withRetry } from '../../../../src/adapters/slack/slack-retry.ts';
import { ChatDeliveryError } from '../../../../src/application/chat/ports.ts';

const policy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 3000, maxRetryAfterMs: 60_000 };
const rateLimited = (s: number) => Object.assign(new Error('rate limited'), { code: webApi.ErrorCode.RateLimitedError, retryAfter: s });
const http = (status: number) => Object.assign(new Error(`HTTP ${status}`), { code: webApi.ErrorCode.HTTPError, statusCode: status });
const network = () => Object.assign(new Error('socket hang up'), { code: webApi.ErrorCode.RequestError });
const platform = (error: string) => Object.assign(new Error(error), { code: webApi.ErrorCode.PlatformError, data: { ok: false, error } });

describe('classify', () => {
  it('tells rate limits, ambiguous failures and refusals apart', () => {
    expect(classify(rateLimited(7))).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7000 });
    expect(classify(http(503)).kind).toBe('ambiguous');
    expect(classify(network()).kind).toBe('ambiguous');
    expect(classify(platform('internal_error')).kind).toBe('ambiguous');
    expect(classify(http(400)).kind).toBe('fatal');
    expect(classify(platform('channel_not_found'))).toMatchObject({ kind: 'fatal', platformError: 'channel_not_found' });
  });
});

describe('withRetry', () => {
  it('backs off exponentially up to the cap, honours Retry-After, then gives up as retryable', async () => {
    const sleeps: number[] = [];
    const errors = [rateLimited(9), http(502), network(), http(500)];
    let calls = 0;
    const run = withRetry('t', async () => { throw errors[calls++]; }, policy, async (ms) => void sleeps.push(ms));
    const err = await run.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatDeliveryError);
    expect((err as ChatDeliveryError).retryable).toBe(true);
    expect(calls).toBe(4);
    expect(sleeps).toEqual([9000, 2000, 3000]);
  });

  it('stops at once on a refusal, and hands previous failures to the next attempt', async () => {
    const seen: string[][] = [];
    const err = await withRetry(
      't',
      async (previous) => {
        seen.push(previous.map((f) => f.kind));
        throw previous.length ? platform('invalid_blocks') : network();
      },
      policy,
      async () => undefined,
    ).catch((e: unknown) => e);
    expect((err as ChatDeliveryError).retryable).toBe(false);
    expect(seen).toEqual([[], ['ambiguous']]);
  });

  it('does not wait for a Retry-After beyond the limit', async () => {
    const sleeps: number[] = [];
    const err = await withRetry('t', async () => { throw rateLimited(3600); }, policy, async (ms) => void sleeps.push(ms)).catch((e) => e);
    expect((err as ChatDeliveryError).retryable).toBe(true);
    expect(sleeps).toEqual([]);
  });
});
