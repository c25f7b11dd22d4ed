import { decodeRequestAsync, type WireEncoding } from '../core/wire';
import type { CapturedRequest } from '../messaging/protocol';
import { showEventCount } from './eventBadge';
import { publish } from './eventFeed';
import { appendToTab, clearTab, forgetAllTabs, forgetTab, readTab, type TabAppend } from './eventStore';
import type { BufferedEvent, TabEvents, UndecodableRequest } from './tabEvents';

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Remote config and feature-flag calls carry no events; they are counted, not reported as broken. */
const NON_EVENT_PATH = /\/(decide|flags|array\/[^/]+\/config)(\.js)?\/?$/;
/** posthog-js sends session recordings to `/s/`; they are summarised, never stored whole. */
const RECORDING_PATH = /\/s\/?$/;

export type DecodedCapture =
  | { kind: 'events'; events: Omit<BufferedEvent, 'seq' | 'tabId' | 'page'>[] }
  | { kind: 'recording'; snapshots: number; bytes: number }
  | { kind: 'other'; bytes: number }
  | { kind: 'undecodable'; entry: UndecodableRequest };

/** Decodes one forwarded request and sorts it: events, a recording, a config call, or undecodable. */
export async function decodeCaptured(request: CapturedRequest): Promise<DecodedCapture> {
  const body = request.body.kind === 'text' ? request.body.text : base64ToBytes(request.body.base64);
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body).length : body.length;
  let path = '';
  try {
    path = new URL(request.url).pathname;
  } catch {
    // A broken URL is still decoded by payload; it just is not a known path.
  }
  const result = await decodeRequestAsync({ url: request.url, method: request.method, contentType: request.contentType, body, receivedAt: request.sentAt });
  if (result.events.length > 0 && (RECORDING_PATH.test(path) || result.events.every((event) => event.event === '$snapshot'))) {
    return { kind: 'recording', snapshots: result.events.length, bytes };
  }
  if (result.events.length === 0) {
    if (NON_EVENT_PATH.test(path)) return { kind: 'other', bytes };
    return {
      kind: 'undecodable',
      entry: { requestId: request.id, url: request.url, reason: result.undecodable?.reason ?? 'no events in body', at: request.sentAt, bytes },
    };
  }
  const encoding: WireEncoding | null = result.encoding ?? null;
  return {
    kind: 'events',
    events: result.events.map((event, index) => {
      const buffered = {
        ...event,
        key: event.uuid ?? `${request.id}#${index}`,
        requestId: request.id,
        requestUrl: request.url,
        transport: request.transport,
        encoding,
        requestBytes: bytes,
        receivedAt: request.sentAt,
        size: 0,
      };
      buffered.size = JSON.stringify(buffered).length;
      return buffered;
    }),
  };
}

export interface SenderDocument {
  frameId: number | null;
  documentId: string | null;
  url: string | null;
}

/** The top-frame document a batch came from; without Chrome's documentId, its URL sans query stands in. */
function topDocument(sender: SenderDocument | undefined): TabAppend['document'] {
  if (sender?.frameId !== 0 || !sender.url) return null;
  const url = new URL(sender.url);
  return { id: sender.documentId ?? url.origin + url.pathname, url: sender.url };
}

/**
 * Decodes what a tab's collector forwarded, appends it to that tab's buffer and tells open views.
 * The tab is always the sender's own: the router takes it from the message sender, never the body.
 */
export function createCaptureIntake() {
  /** Settles once the latest ingest's append has. */
  let lastAppend: Promise<unknown> = Promise.resolve();
  return {
    async ingest(tabId: number, requests: CapturedRequest[], sender?: SenderDocument): Promise<string[]> {
      // A large gzip body takes several tasks to decode (it is inflated natively), so a request
      // that arrived later can be decoded first; it is still appended after the earlier ones.
      const previousAppend = lastAppend;
      const append = Promise.all(requests.map(decodeCaptured)).then(async (captures) => {
        const batch: TabAppend = {
          events: [],
          requests: requests.length,
          other: { count: 0, bytes: 0 },
          recordings: { count: 0, bytes: 0, snapshots: 0 },
          undecodable: [],
          document: topDocument(sender),
        };
        for (const decoded of captures) {
          if (decoded.kind === 'events') batch.events.push(...decoded.events);
          else if (decoded.kind === 'recording') {
            batch.recordings.count++;
            batch.recordings.bytes += decoded.bytes;
            batch.recordings.snapshots += decoded.snapshots;
          } else if (decoded.kind === 'other') {
            batch.other.count++;
            batch.other.bytes += decoded.bytes;
          } else batch.undecodable.push(decoded.entry);
        }
        await previousAppend;
        return appendToTab(tabId, batch);
      });
      lastAppend = append.catch(() => undefined);
      const { appended, meta } = await append;
      publish({ kind: 'appended', tabId, events: appended, meta });
      void showEventCount(tabId, meta.count);
      return requests.map((request) => request.id);
    },
    read(tabId: number): Promise<TabEvents> {
      return readTab(tabId);
    },
    async clear(tabId: number): Promise<void> {
      const meta = await clearTab(tabId);
      publish({ kind: 'cleared', tabId, meta });
      void showEventCount(tabId, 0);
    },
    forget: forgetTab,
    forgetAll: forgetAllTabs,
  };
}
