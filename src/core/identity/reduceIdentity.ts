import { DuplicateInstanceCheck } from './duplicateInstance';
import { orderEvents } from './eventOrder';
import { eventChecks, transitionWarnings } from './identityChecks';
import type { EventCheck } from './identityWarning';
import { newestSnapshots, persistenceMismatch } from './persistence';
import { type TokenTrace, TokenTracer } from './tokenTrace';
import type { IdentityEvent, IdentityReport, IdentityState, PersistenceSnapshot } from './types';

/** The token of events that carry none (`properties.token` missing or not a string). */
export const NO_TOKEN = '(no token)';

/** One token's tracer and the checks watching its events. */
interface TokenReplay {
  tracer: TokenTracer;
  checks: EventCheck[];
}

/**
 * Who the site's SDK thinks the user is, per project token, from a tab's events (any order: they
 * are replayed by timestamp, see `orderEvents`) and the persistence snapshots read from the page,
 * with the QA warnings of `identityChecks.ts`, `duplicateInstance.ts` and `persistence.ts`. Pure.
 * Tokens come in order of their first event, then tokens known only from a snapshot.
 */
export function reduceIdentity(events: readonly IdentityEvent[], snapshots: readonly PersistenceSnapshot[] = []): IdentityReport {
  const replays = new Map<string, TokenReplay>();
  let last: { token: string; replay: TokenReplay } | null = null;
  // One pass: each event's properties are read while they are in cache (tokens interleave, but
  // each token's tracer still sees its own events in order).
  const order = orderEvents(events);
  for (let i = 0; i < order.events.length; i++) {
    const event = order.events[i]!;
    const token = tokenOf(event);
    if (last === null || last.token !== token) last = { token, replay: replayOf(replays, token) };
    const traced = last.replay.tracer.add(event, order.times[i]!);
    for (const check of last.replay.checks) check.observe(traced);
  }

  const traces = [...replays.values()].map(({ tracer, checks }) => ({ trace: tracer.finish(), checks }));
  const snapshotOf = newestSnapshots(
    snapshots,
    traces.map(({ trace }) => trace.state),
  );
  for (const token of snapshotOf.keys()) {
    if (!replays.has(token)) traces.push({ trace: new TokenTracer(token).finish(), checks: [] });
  }
  return { tokens: traces.map(({ trace, checks }) => withFindings(trace, checks, snapshotOf.get(trace.state.token) ?? null)) };
}

function replayOf(replays: Map<string, TokenReplay>, token: string): TokenReplay {
  let replay = replays.get(token);
  if (replay === undefined) {
    replay = { tracer: new TokenTracer(token), checks: [...eventChecks(), new DuplicateInstanceCheck(token)] };
    replays.set(token, replay);
  }
  return replay;
}

function withFindings(trace: TokenTrace, checks: readonly EventCheck[], snapshot: PersistenceSnapshot | null): IdentityState {
  const warnings = [...transitionWarnings(trace), ...checks.flatMap((check) => check.warnings())];
  const mismatch = snapshot === null ? null : persistenceMismatch(trace, snapshot);
  if (mismatch !== null) warnings.push(mismatch);
  // Stable: warnings of one moment keep the order of the checks.
  warnings.sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
  return { ...trace.state, persistence: snapshot, warnings: warnings.map(({ warning }) => warning) };
}

function tokenOf(event: IdentityEvent): string {
  const token = event.properties.token;
  return typeof token === 'string' && token !== '' ? token : NO_TOKEN;
}
