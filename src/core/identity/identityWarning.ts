import type { TracedEvent } from './tokenTrace';
import type { EventRef, IdentityWarning, WarningKind } from './types';

/** A warning with the time it sorts by (the event's ordering time, or the snapshot's read time). */
export interface TimedWarning {
  warning: IdentityWarning;
  time: number;
}

/** A check that watches a token's events go by, in order, and keeps only what it needs. */
export interface EventCheck {
  observe(traced: TracedEvent): void;
  warnings(): TimedWarning[];
}

export function warningAt(kind: WarningKind, ref: EventRef, time: number, message: string, advice: string): TimedWarning {
  return { warning: { kind, message, advice, ref, at: ref.timestamp }, time };
}
