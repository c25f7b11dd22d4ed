import { quoteId } from './distinctIdShape';
import type { TimedWarning } from './identityWarning';
import type { TokenTrace, TracedTransition } from './tokenTrace';
import type { IdentityState, PersistenceSnapshot } from './types';

/** The largest magnitude a Date holds. */
const MAX_DATE_MS = 8.64e15;

const ADVICE =
  "Make sure one posthog instance owns this token's persistence: a second instance, another persistence or persistence_name setting, or a cookie left on another domain can hold an id the SDK no longer sends.";

/**
 * The newest snapshot (by `readAt`, the later one on a tie) for each token. A snapshot of a custom
 * persistence name (`token: null`) goes to the first token whose current distinct id, then device
 * id, then any distinct id it matches; one matching none is left out.
 */
export function newestSnapshots(snapshots: readonly PersistenceSnapshot[], states: readonly IdentityState[]): Map<string, PersistenceSnapshot> {
  const newest = new Map<string, PersistenceSnapshot>();
  for (const snapshot of snapshots) {
    const token = snapshot.token ?? tokenOfCustomName(snapshot, states);
    if (token === null) continue;
    const held = newest.get(token);
    if (held === undefined || snapshot.readAt >= held.readAt) newest.set(token, snapshot);
  }
  return newest;
}

function tokenOfCustomName(snapshot: PersistenceSnapshot, states: readonly IdentityState[]): string | null {
  const { distinctId, deviceId } = snapshot;
  const match =
    states.find((s) => distinctId !== null && s.distinctId === distinctId) ??
    states.find((s) => deviceId !== null && s.deviceId === deviceId) ??
    states.find((s) => distinctId !== null && s.distinctIds.includes(distinctId));
  return match?.token ?? null;
}

/**
 * 7. The stored identity disagrees with what the SDK sent. Compared: the snapshot's distinct id and
 * `$user_state` with the SDK's identity as the events up to `readAt` left it (the reducer's
 * current id, so a late batch of an earlier id does not count). No finding when:
 * the snapshot is `source: 'none'` or has no distinct id; no event precedes it; an identify, reset
 * or switch is timestamped after `readAt` (the snapshot predates the newest transition); or it
 * holds an id no event has used and no event came after storage first held it (`unchangedSince`,
 * else `readAt`: the SDK may have reset or switched and not sent anything yet: `reset()` sends no
 * event).
 */
export function persistenceMismatch(trace: TokenTrace, snapshot: PersistenceSnapshot): TimedWarning | null {
  const { readAt, distinctId: stored, userState } = snapshot;
  if (snapshot.source === 'none' || stored === null || !(Math.abs(readAt) <= MAX_DATE_MS)) return null;
  if (trace.transitions.some(({ entry, time }) => time > readAt && (entry.kind === 'identify' || entry.kind === 'reset' || entry.kind === 'switch'))) {
    return null;
  }
  // The SDK's identity changes only at transitions: the last one by readAt is its state then.
  const before = lastTransitionAtOrBefore(trace.transitions, readAt);
  if (before === undefined) return null;
  const sent = before.currentId;
  const where = `The SDK's ${snapshot.source} entry ${snapshot.name}`;
  let message: string;
  if (stored === sent) {
    if (userState !== 'anonymous' && userState !== 'identified') return null;
    if ((userState === 'identified') === before.identified) return null;
    message = `${where} says ${quoteId(sent)} is ${userState}, but the events sent before it was read were ${before.identified ? 'identified' : 'anonymous'}.`;
  } else {
    // Events sent while storage already held this value (`unchangedSince`: the content script's
    // first read of it) show the disagreement even when the newest read came after them.
    const laterEvents = trace.lastTime > (snapshot.unchangedSince ?? readAt);
    if (!trace.state.distinctIds.includes(stored) && !laterEvents) return null;
    message = `${where} holds distinct id ${quoteId(stored)}, but the events sent before it was read used ${quoteId(sent)}.`;
  }
  return {
    warning: { kind: 'persistence-mismatch', message, advice: ADVICE, ref: null, at: new Date(readAt).toISOString() },
    time: readAt,
  };
}

function lastTransitionAtOrBefore(transitions: readonly TracedTransition[], time: number): TracedTransition | undefined {
  let low = 0;
  let high = transitions.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (transitions[mid]!.time <= time) low = mid + 1;
    else high = mid;
  }
  return transitions[low - 1];
}
