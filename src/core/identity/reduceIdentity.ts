import { DuplicateInstanceCheck } from './duplicateInstance';
import { type OrderedEvent, orderEvents } from './eventOrder';
import { eventChecks, transitionWarnings } from './identityChecks';
import type { EventCheck } from './identityWarning';
import { newestSnapshots, persistenceMismatch } from './persistence';
import { type TokenTrace, traceToken } from './tokenTrace';
import type { IdentityEvent, IdentityReport, IdentityState, PersistenceSnapshot } from './types';

/** The token of events that carry none (`properties.token` missing or not a string). */
export const NO_TOKEN = '(no token)';

/**
 * Who the site's SDK thinks the user is, per project token, from a tab's events (any order: they
 * are replayed by timestamp, see `orderEvents`) and the persistence snapshots read from the page,
 * with the QA warnings of `identityChecks.ts`, `duplicateInstance.ts` and `persistence.ts`. Pure.
 * Tokens come in order of their first event, then tokens known only from a snapshot.
 */
export function reduceIdentity(events: readonly IdentityEvent[], snapshots: readonly PersistenceSnapshot[] = []): IdentityReport {
  const byToken = new Map<string, OrderedEvent[]>();
  let lastToken: string | null = null;
  let lastList: OrderedEvent[] = [];
  for (const ordered of orderEvents(events)) {
    const token = tokenOf(ordered.event);
    // A page's events mostly share one token: skip the map for runs of it.
    if (token !== lastToken) {
      lastToken = token;
      const list = byToken.get(token);
      if (list === undefined) byToken.set(token, (lastList = []));
      else lastList = list;
    }
    lastList.push(ordered);
  }

  const traced = [...byToken].map(([token, ordered]) => checkedTrace(token, ordered));
  const snapshotOf = newestSnapshots(
    snapshots,
    traced.map(({ trace }) => trace.state),
  );
  for (const token of snapshotOf.keys()) {
    if (!byToken.has(token)) traced.push(checkedTrace(token, []));
  }

  return { tokens: traced.map(({ trace, checks }) => withFindings(trace, checks, snapshotOf.get(trace.state.token) ?? null)) };
}

function checkedTrace(token: string, ordered: readonly OrderedEvent[]): { trace: TokenTrace; checks: EventCheck[] } {
  const checks = [...eventChecks(), new DuplicateInstanceCheck(token)];
  const trace = traceToken(token, ordered, (traced) => {
    for (const check of checks) check.observe(traced);
  });
  return { trace, checks };
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
