import type { SyncSummary } from '../../sync/syncView';

/**
 * The header's sync indicator in words: one chip per state, the background's one-line message
 * (with its countdown kept live), and when this browser and the server last agreed.
 */

/** The summary's states, and `error` when nothing was ever read (`actions.list` answered `error`). */
export type IndicatorState = SyncSummary['state'] | 'error';

/**
 * The chip: an icon (shown, never read out) and the state in a word or two; the message says the
 * rest beside it. Icons from the basic symbol blocks, which every desktop's fonts have (no emoji).
 */
export const INDICATOR: Record<IndicatorState, { icon: string; word: string }> = {
  synced: { icon: '✓', word: 'Synced' },
  syncing: { icon: '↻', word: 'Syncing' },
  offline: { icon: '⊘', word: 'Offline' },
  'rate-limited': { icon: '◷', word: 'Rate limited' },
  blocked: { icon: '✕', word: 'Blocked' },
  attention: { icon: '⚠', word: 'Needs attention' },
  error: { icon: '⚠', word: 'Not synced' },
};

/**
 * The summary's message as of `now`: the background writes "retrying in 30 s" when it answers,
 * and the indicator stays open longer than that, so the seconds are counted down from `retryAt`.
 */
export function liveMessage(sync: Pick<SyncSummary, 'message' | 'retryAt'>, now: number): string {
  if (sync.retryAt === null || !/retrying in \d+ s/.test(sync.message)) return sync.message;
  const left = sync.retryAt - now;
  return sync.message.replace(/retrying in \d+ s/, left > 0 ? `retrying in ${Math.ceil(left / 1000)} s` : 'retrying now');
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
const dayAndClock = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false });

/** `14:02` today, `3 Mar, 14:02` another day. */
export function clockTime(at: number, now: number): string {
  const day = (time: number) => new Date(time).toDateString();
  return day(at) === day(now) ? clock.format(at) : dayAndClock.format(at);
}

/** `last synced 14:02`, or what is known instead: when the list was read, or nothing yet. */
export function lastSyncedText(sync: Pick<SyncSummary, 'lastSyncAt' | 'pulledAt' | 'state'>, now: number): string {
  if (sync.lastSyncAt !== null) return `last synced ${clockTime(sync.lastSyncAt, now)}`;
  if (sync.pulledAt !== null) return `list read ${clockTime(sync.pulledAt, now)}`;
  return 'not synced yet';
}

/** Whether the indicator offers "Retry": a cause the user may have fixed, or refused changes to send again. */
export function offersRetry(state: IndicatorState, sync: Pick<SyncSummary, 'failed'> | null): boolean {
  if (state === 'blocked' || state === 'offline' || state === 'error') return true;
  return state === 'attention' && (sync?.failed ?? 0) > 0;
}
