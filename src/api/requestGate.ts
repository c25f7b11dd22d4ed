/**
 * At most `limit` requests in flight to one project, and none while that project's rate limit
 * (a 429's `Retry-After`) runs. Every request of a client with a gate waits here first, so the sync
 * engine's writes, its reconciling reads and the pulls share one budget.
 *
 * The pause is also persisted by the sync engine (a stopped worker forgets this object); a new gate
 * is told with `pauseUntil` when the engine loads.
 */
export interface RequestGate {
  /** Resolves once a slot is free and no pause runs; call the returned function when done. */
  acquire(): Promise<() => void>;
  /** No request starts before `until` (epoch ms); a later pause extends, an earlier one is ignored. */
  pauseUntil(until: number): void;
  readonly pausedUntil: number;
  readonly inFlight: number;
  /** The most requests that were in flight at once since the gate was made. */
  readonly peak: number;
}

export const MAX_IN_FLIGHT_PER_PROJECT = 4;

export function createRequestGate(limit = MAX_IN_FLIGHT_PER_PROJECT, now: () => number = Date.now): RequestGate {
  let inFlight = 0;
  let peak = 0;
  let pausedUntil = 0;
  const waiting: Array<() => void> = [];
  let wake: ReturnType<typeof setTimeout> | null = null;

  const pump = () => {
    const wait = pausedUntil - now();
    if (wait > 0) {
      // An in-memory wake-up for requests already waiting; if the worker is stopped meanwhile,
      // the persisted pause and an alarm carry the schedule (see sync/syncEngine.ts).
      if (!wake && waiting.length > 0) {
        wake = setTimeout(() => {
          wake = null;
          pump();
        }, wait);
      }
      return;
    }
    while (inFlight < limit && waiting.length > 0) {
      inFlight++;
      peak = Math.max(peak, inFlight);
      waiting.shift()!();
    }
  };

  return {
    acquire() {
      return new Promise((resolve) => {
        waiting.push(() => {
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            inFlight--;
            pump();
          });
        });
        pump();
      });
    },
    pauseUntil(until) {
      if (until <= pausedUntil) return;
      pausedUntil = until;
      if (wake) {
        clearTimeout(wake);
        wake = null;
      }
      pump();
    },
    get pausedUntil() {
      return pausedUntil;
    },
    get inFlight() {
      return inFlight;
    },
    get peak() {
      return peak;
    },
  };
}

const gates = new Map<string, RequestGate>();

/** The one gate of a project on a host, shared by every client the background makes for it. */
export function gateFor(host: string, projectId: string | number): RequestGate {
  const key = `${host.replace(/\/+$/, '')} ${projectId}`;
  let gate = gates.get(key);
  if (!gate) gates.set(key, (gate = createRequestGate()));
  return gate;
}
