import type { EventRef, IdentityEvent } from './types';

/** An event with the time it is ordered by. */
export interface OrderedEvent {
  event: IdentityEvent;
  /** Epoch ms: the event's own timestamp, or its arrival predecessor's (see `orderEvents`). */
  time: number;
}

/**
 * The events in the order the SDK captured them: by `timestamp`, ties by `seq` (arrival). Batches
 * arrive late and queued ones carry old timestamps, so arrival order alone would replay an
 * identify before the anonymous events it followed.
 *
 * An event whose timestamp does not parse takes the time of the nearest event before it in
 * arrival order that has one (or sorts first when none does); with `seq` breaking the tie it stays
 * right behind that neighbour.
 */
export function orderEvents(events: readonly IdentityEvent[]): OrderedEvent[] {
  const byArrival = isSortedBySeq(events) ? events : [...events].sort((a, b) => a.seq - b.seq);
  let previous = Number.NEGATIVE_INFINITY;
  const ordered = byArrival.map((event): OrderedEvent => {
    const own = Date.parse(event.timestamp);
    if (Number.isFinite(own)) previous = own;
    return { event, time: Number.isFinite(own) ? own : previous };
  });
  // Subtraction would give NaN for two -Infinity times.
  return ordered.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.event.seq - b.event.seq));
}

function isSortedBySeq(events: readonly IdentityEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i - 1]!.seq > events[i]!.seq) return false;
  return true;
}

/** What a timeline entry or a warning keeps of its event. */
export function eventRef(event: IdentityEvent): EventRef {
  return { key: event.key, seq: event.seq, event: event.event, timestamp: event.timestamp };
}
