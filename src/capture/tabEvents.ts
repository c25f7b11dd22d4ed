import type { CapturedEvent } from '../core/wire';
import type { Transport } from '../messaging/protocol';

/** One decoded event as the tab's buffer keeps it: what the SDK sent, and how it left the page. */
export interface BufferedEvent extends CapturedEvent {
  /** The event's `uuid`, or `<request id>#<index>` for SDKs that send none. */
  key: string;
  requestId: string;
  requestUrl: string;
  transport: Transport;
  receivedAt: number;
}

export interface UndecodableRequest {
  requestId: string;
  url: string;
  reason: string;
  at: number;
}

export interface TabEvents {
  events: BufferedEvent[];
  /** Every request the page-world collector forwarded, decodable or not. */
  requestsSeen: number;
  /** Requests that carried no events (remote config, feature flags). */
  otherRequests: number;
  undecodable: UndecodableRequest[];
  /** Events pushed out of the buffer by the cap, oldest first. */
  dropped: number;
}

export const MAX_EVENTS_PER_TAB = 2000;
export const MAX_UNDECODABLE_PER_TAB = 50;

export function emptyTabEvents(): TabEvents {
  return { events: [], requestsSeen: 0, otherRequests: 0, undecodable: [], dropped: 0 };
}

/** Appends new events, skipping ones already held (same key), and enforces the caps. */
export function appendEvents(buffer: TabEvents, events: BufferedEvent[]): TabEvents {
  const known = new Set(buffer.events.map((event) => event.key));
  const fresh = events.filter((event) => !known.has(event.key) && known.add(event.key));
  const all = [...buffer.events, ...fresh];
  const overflow = Math.max(0, all.length - MAX_EVENTS_PER_TAB);
  return { ...buffer, events: overflow ? all.slice(overflow) : all, dropped: buffer.dropped + overflow };
}

export function appendUndecodable(buffer: TabEvents, entry: UndecodableRequest): TabEvents {
  return { ...buffer, undecodable: [...buffer.undecodable, entry].slice(-MAX_UNDECODABLE_PER_TAB) };
}
