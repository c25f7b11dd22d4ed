import type { CapturedEvent, WireEncoding } from '../core/wire';
import type { Transport } from '../messaging/protocol';

/** One decoded event as the tab's buffer keeps it: what the SDK sent, and how it left the page. */
export interface BufferedEvent extends CapturedEvent {
  tabId: number;
  /** Position in the tab's buffer: arrival order, never reused. */
  seq: number;
  /** The event's `uuid`, or `<request id>#<index>` for SDKs that send none. */
  key: string;
  requestId: string;
  requestUrl: string;
  transport: Transport;
  encoding: WireEncoding | null;
  /** Size of the whole request body as sent. */
  requestBytes: number;
  receivedAt: number;
  /** The page (document) of the tab it was sent from; see `TabMeta.pages`. */
  page: number;
  /** Approximate size of this record, for the tab's byte budget. */
  size: number;
}

export interface UndecodableRequest {
  requestId: string;
  url: string;
  reason: string;
  at: number;
  bytes: number;
}

/** A document the tab showed: events after `firstSeq` were sent from it. */
export interface PageBoundary {
  page: number;
  url: string;
  at: number;
  firstSeq: number;
}

export interface TabMeta {
  tabId: number;
  nextSeq: number;
  /** Events held now, and their approximate bytes. */
  count: number;
  bytes: number;
  /** Every request the page-world collector forwarded, decodable or not. */
  requestsSeen: number;
  /** Requests that carried no events (remote config, feature flags): counted, not stored. */
  otherRequests: number;
  otherBytes: number;
  /** Session-recording requests (`$snapshot`): summarised, not stored. */
  recordingRequests: number;
  recordingBytes: number;
  snapshots: number;
  undecodable: UndecodableRequest[];
  /** Events pushed out by the budget, oldest first, and duplicates (same uuid) not stored twice. */
  dropped: number;
  duplicates: number;
  pages: PageBoundary[];
  /** The document the last top-frame request came from, to notice navigations. */
  documentId: string | null;
}

/** What `events.list` answers: the tab's summary and its events in arrival order. */
export interface TabEvents extends TabMeta {
  events: BufferedEvent[];
}

/** At least 10,000 typical events (2–3 KB each) fit; the oldest go first. */
export const MAX_EVENTS_PER_TAB = 20_000;
export const MAX_BYTES_PER_TAB = 64 * 1024 * 1024;
export const MAX_UNDECODABLE_PER_TAB = 100;
export const MAX_PAGES_PER_TAB = 500;

export function emptyTabMeta(tabId: number): TabMeta {
  return {
    tabId,
    nextSeq: 1,
    count: 0,
    bytes: 0,
    requestsSeen: 0,
    otherRequests: 0,
    otherBytes: 0,
    recordingRequests: 0,
    recordingBytes: 0,
    snapshots: 0,
    undecodable: [],
    dropped: 0,
    duplicates: 0,
    pages: [],
    documentId: null,
  };
}

export function emptyTabEvents(tabId: number): TabEvents {
  return { ...emptyTabMeta(tabId), events: [] };
}
