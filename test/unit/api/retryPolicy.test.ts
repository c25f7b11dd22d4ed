import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/api/client';
import { createRequestGate } from '../../../src/api/requestGate';
import { BACKOFF_CAP_MS, backoffMs, DEFAULT_RETRY_AFTER_MS, retryDecision } from '../../../src/api/retryPolicy';

const error = (kind: ConstructorParameters<typeof ApiError>[0], status?: number, retryAfterMs?: number) =>
  new ApiError(kind, 'POST /api/projects/1/actions/', 'x', { status, retryAfterMs });

describe('retry policy', () => {
  it.each([
    ['429 with Retry-After waits exactly that', error('rate_limited', 429, 30_000), { retry: 'after', delayMs: 30_000, outcomeUnknown: false }],
    ['429 without Retry-After waits a minute', error('rate_limited', 429), { retry: 'after', delayMs: DEFAULT_RETRY_AFTER_MS }],
    ['5xx backs off; the write may have landed', error('server_error', 503), { retry: 'backoff', outcomeUnknown: true }],
    ['timeout backs off', error('timeout'), { retry: 'backoff', outcomeUnknown: true }],
    ['network error backs off', error('unreachable'), { retry: 'backoff', outcomeUnknown: true }],
    ['an unreadable answer backs off', error('bad_response', 200), { retry: 'backoff', outcomeUnknown: true }],
    ['408 backs off; nothing was taken', error('http', 408), { retry: 'backoff', outcomeUnknown: false }],
    ['400 is final', error('validation', 400), { retry: 'never' }],
    ['401 is final', error('unauthorized', 401), { retry: 'never' }],
    ['403 is final', error('forbidden', 403), { retry: 'never' }],
    ['404 is final', error('not_found', 404), { retry: 'never' }],
    ['409 is final', error('http', 409), { retry: 'never' }],
  ])('%s', (_, failure, expected) => {
    expect(retryDecision(failure, 1, () => 0.5)).toMatchObject(expected);
  });

  it('backs off exponentially with jitter between half and all of each step, capped', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffMs(attempt, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((attempt) => backoffMs(attempt, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(40, () => 1)).toBe(BACKOFF_CAP_MS);
  });
});

describe('request gate', () => {
  it('lets at most 4 requests run at once', async () => {
    const gate = createRequestGate(4);
    let running = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const release = await gate.acquire();
        running++;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        release();
      }),
    );
    expect(peak).toBe(4);
    expect(gate.peak).toBe(4);
  });

  it('starts nothing before a pause ends', async () => {
    const gate = createRequestGate(4);
    const pausedAt = Date.now();
    gate.pauseUntil(pausedAt + 120);
    const release = await gate.acquire();
    expect(Date.now() - pausedAt).toBeGreaterThanOrEqual(115);
    release();
  });
});
