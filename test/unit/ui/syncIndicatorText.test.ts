import { describe, expect, it } from 'vitest';
import { clockTime, lastSyncedText, liveMessage, offersRetry } from '../../../src/ui/sync/syncIndicatorText';

const NOW = new Date(2026, 2, 14, 14, 2, 30).getTime();
const clock = /^\d{2}:\d{2}$/;

describe('the sync indicator’s words', () => {
  it('counts the background’s "retrying in N s" down from retryAt, and says when the time is up', () => {
    const sync = { message: 'Rate limited, retrying in 30 s', retryAt: NOW + 12_400 };
    expect(liveMessage(sync, NOW)).toBe('Rate limited, retrying in 13 s');
    expect(liveMessage(sync, NOW + 13_000)).toBe('Rate limited, retrying now');
    expect(liveMessage({ message: 'Sending 2 changes… — Server error 503 from api.test, retrying in 4 s', retryAt: NOW + 2000 }, NOW)).toBe(
      'Sending 2 changes… — Server error 503 from api.test, retrying in 2 s',
    );
    // Messages without a countdown are the background's, word for word.
    expect(liveMessage({ message: 'Key lacks action:write', retryAt: NOW + 2000 }, NOW)).toBe('Key lacks action:write');
    expect(liveMessage({ message: 'Offline — 3 changes saved in this browser, sent when the project API is back', retryAt: null }, NOW)).toMatch(/^Offline — 3 changes/);
  });

  it('says when the server and this browser last agreed: clock time today, with the day before', () => {
    expect(clockTime(NOW - 60_000, NOW)).toMatch(clock);
    expect(clockTime(NOW - 60_000, NOW)).toContain('14');
    expect(clockTime(NOW - 86_400_000, NOW)).not.toMatch(clock);
    expect(clockTime(NOW - 86_400_000, NOW)).toMatch(/13/);
    expect(lastSyncedText({ state: 'synced', lastSyncAt: NOW - 60_000, pulledAt: NOW }, NOW)).toMatch(/^last synced \d{2}:\d{2}$/);
    expect(lastSyncedText({ state: 'offline', lastSyncAt: null, pulledAt: NOW - 60_000 }, NOW)).toMatch(/^list read \d{2}:\d{2}$/);
    expect(lastSyncedText({ state: 'offline', lastSyncAt: null, pulledAt: null }, NOW)).toBe('not synced yet');
  });

  it.each([
    ['synced', 0, false],
    ['syncing', 0, false],
    ['rate-limited', 0, false],
    ['offline', 0, true],
    ['blocked', 0, true],
    ['error', 0, true],
    ['attention', 0, false],
    ['attention', 2, true],
  ] as const)('offers Retry when %s with %i refused', (state, failed, expected) => {
    expect(offersRetry(state, { failed })).toBe(expected);
  });
});
