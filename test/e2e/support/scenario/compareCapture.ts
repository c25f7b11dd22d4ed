import type { TabEvents } from '../../../../src/capture/tabEvents';
import type { ApiEvent } from './projectEvents';

type BufferedEvent = TabEvents['events'][number];

/** One event, as a failure message lists it. */
export interface EventRef {
  event: string;
  distinctId: string;
  uuid: string | null;
  /** Buffered events: how the request left the page, and where to. */
  transport?: string;
  requestUrl?: string;
}

/** The API's events for one SDK instance against the tab's events carrying that instance's token. */
export interface CaptureComparison {
  token: string;
  /** Events the project API stored. */
  received: number;
  /** Events in the tab's buffer with this token. */
  buffered: number;
  matched: number;
  /** Received by the API, missing from the buffer. */
  lost: EventRef[];
  /** Extra copies in the buffer of an event it already holds (same uuid). */
  duplicated: EventRef[];
  /** In the buffer, never received by the API. */
  unexpected: EventRef[];
  /** Same uuid in both, but a different name or distinct id. */
  mismatched: { api: EventRef; buffered: EventRef }[];
  /** Buffered events per transport, e.g. `{fetch: 12, beacon: 4}`. */
  transports: Record<string, number>;
}

export function distinctIdOf(event: BufferedEvent): string {
  const id = event.properties['distinct_id'];
  return typeof id === 'string' || typeof id === 'number' ? String(id) : '';
}

export function tokenOf(event: BufferedEvent): string | null {
  const token = event.properties['token'];
  return typeof token === 'string' ? token : null;
}

const refOfApi = (event: ApiEvent): EventRef => ({ event: event.event, distinctId: event.distinct_id, uuid: event.uuid });
const refOfBuffered = (event: BufferedEvent): EventRef => ({
  event: event.event,
  distinctId: distinctIdOf(event),
  uuid: event.uuid ?? null,
  transport: event.transport,
  requestUrl: event.requestUrl,
});

/**
 * Matches by uuid where the SDK sent one (the API keeps the SDK's uuid and makes one up only when
 * none was sent), otherwise by name and distinct id, one buffered event per stored event.
 */
export function compareCapture(token: string, apiEvents: readonly ApiEvent[], buffered: readonly BufferedEvent[]): CaptureComparison {
  const result: CaptureComparison = {
    token,
    received: apiEvents.length,
    buffered: buffered.length,
    matched: 0,
    lost: [],
    duplicated: [],
    unexpected: [],
    mismatched: [],
    transports: {},
  };
  for (const event of buffered) result.transports[event.transport] = (result.transports[event.transport] ?? 0) + 1;

  const byUuid = new Map<string, BufferedEvent[]>();
  const withoutUuid: BufferedEvent[] = [];
  for (const event of buffered) {
    if (!event.uuid) withoutUuid.push(event);
    else byUuid.set(event.uuid, [...(byUuid.get(event.uuid) ?? []), event]);
  }
  for (const copies of byUuid.values()) result.duplicated.push(...copies.slice(1).map(refOfBuffered));

  const apiUuids = new Set<string>();
  for (const stored of apiEvents) {
    apiUuids.add(stored.uuid);
    const [copy] = byUuid.get(stored.uuid) ?? [];
    if (copy) {
      if (copy.event === stored.event && distinctIdOf(copy) === stored.distinct_id) result.matched++;
      else result.mismatched.push({ api: refOfApi(stored), buffered: refOfBuffered(copy) });
      continue;
    }
    const index = withoutUuid.findIndex((candidate) => candidate.event === stored.event && distinctIdOf(candidate) === stored.distinct_id);
    if (index >= 0) {
      withoutUuid.splice(index, 1);
      result.matched++;
    } else {
      result.lost.push(refOfApi(stored));
    }
  }
  for (const [uuid, copies] of byUuid) if (!apiUuids.has(uuid)) result.unexpected.push(refOfBuffered(copies[0]!));
  result.unexpected.push(...withoutUuid.map(refOfBuffered));
  return result;
}

export function isExact(comparison: CaptureComparison): boolean {
  return (
    comparison.received > 0 &&
    comparison.lost.length === 0 &&
    comparison.duplicated.length === 0 &&
    comparison.unexpected.length === 0 &&
    comparison.mismatched.length === 0
  );
}
