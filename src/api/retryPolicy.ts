import { ApiError } from './client';

/**
 * What to do after a failed request to the project API:
 *
 * - 429: wait exactly as long as `Retry-After` says (a minute when it does not say), and pause
 *   every request to that project until then — the limit is the key's, not the request's;
 * - 5xx, 408, timeouts, network errors and answers we cannot read: back off exponentially with jitter;
 * - any other 4xx (400, 401, 403, 404…): do not retry — the same request would get the same answer.
 *
 * Whether a failed write may still have reached the server is `outcomeUnknown`: the sync engine
 * reconciles before it sends such a write again.
 */
export type RetryDecision =
  | { retry: 'after'; delayMs: number; outcomeUnknown: false }
  | { retry: 'backoff'; delayMs: number; outcomeUnknown: boolean }
  | { retry: 'never'; outcomeUnknown: false };

export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;
/** PostHog's throttles are per minute; a 429 without `Retry-After` waits that long. */
export const DEFAULT_RETRY_AFTER_MS = 60_000;

/**
 * Attempt `attempt` (1 for the first retry): `base · 2^(attempt-1)`, capped, with "equal jitter" —
 * half fixed, half random — so clients that failed together do not retry together, and no delay
 * is ever shorter than half its step.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

export function retryDecision(error: unknown, attempt: number, random: () => number = Math.random): RetryDecision {
  if (!(error instanceof ApiError)) return { retry: 'backoff', delayMs: backoffMs(attempt, random), outcomeUnknown: true };
  switch (error.kind) {
    case 'rate_limited':
      return { retry: 'after', delayMs: error.extra.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS, outcomeUnknown: false };
    case 'server_error':
    case 'timeout':
    case 'unreachable':
    case 'bad_response':
      return { retry: 'backoff', delayMs: backoffMs(attempt, random), outcomeUnknown: true };
    default:
      // 408 is the one 4xx that says "try again"; the server did not take the request.
      if (error.status === 408) return { retry: 'backoff', delayMs: backoffMs(attempt, random), outcomeUnknown: false };
      return { retry: 'never', outcomeUnknown: false };
  }
}
