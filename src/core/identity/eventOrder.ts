import type { EventRef, IdentityEvent } from './types';

/** Events in replay order, and the time each is ordered by (`times[i]` is `events[i]`'s, epoch ms). */
export interface EventOrder {
  events: readonly IdentityEvent[];
  times: Float64Array;
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
export function orderEvents(events: readonly IdentityEvent[]): EventOrder {
  const byArrival = isSortedBySeq(events) ? events : [...events].sort((a, b) => a.seq - b.seq);
  const times = new Float64Array(byArrival.length);
  let last = Number.NEGATIVE_INFINITY;
  let sorted = true;
  for (let i = 0; i < byArrival.length; i++) {
    const own = Date.parse(byArrival[i]!.timestamp);
    if (Number.isFinite(own)) {
      if (own < last) sorted = false;
      last = own;
    }
    times[i] = last;
  }
  if (sorted) return { events: byArrival, times };

  // Indices, not objects: 20,000 wrappers would outlive a young-generation GC and cost more
  // than the sort. Ties keep arrival (index) order; two -Infinity times subtract to NaN, which
  // falls through to the index.
  const order = Array.from(byArrival.keys()).sort((a, b) => times[a]! - times[b]! || a - b);
  return { events: order.map((i) => byArrival[i]!), times: Float64Array.from(order, (i) => times[i]!) };
}

function isSortedBySeq(events: readonly IdentityEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i - 1]!.seq > events[i]!.seq) return false;
  return true;
}

/** What a timeline entry or a warning keeps of its event. */
export function eventRef(event: IdentityEvent): EventRef {
  return { key: event.key, seq: event.seq, event: event.event, timestamp: event.timestamp };
}
