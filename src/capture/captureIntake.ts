import { decodeRequest } from '../core/wire';
import type { CapturedRequest } from '../messaging/protocol';
import { tabEventsItem } from '../storage/items';
import { showEventCount } from './eventBadge';
import { appendEvents, appendUndecodable, emptyTabEvents, type BufferedEvent, type TabEvents } from './tabEvents';

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Remote config and feature-flag calls carry no events; they are counted, not reported as broken. */
const NON_EVENT_PATH = /\/(decide|flags|array\/[^/]+\/config)(\.js)?\/?$/;

export function decodeCaptured(request: CapturedRequest): { events: BufferedEvent[]; problem: string | null; other: boolean } {
  const body = request.body.kind === 'text' ? request.body.text : base64ToBytes(request.body.base64);
  const result = decodeRequest({
    url: request.url,
    method: request.method,
    contentType: request.contentType,
    body,
    receivedAt: request.sentAt,
  });
  const events = result.events.map((event, index) => ({
    ...event,
    key: event.uuid ?? `${request.id}#${index}`,
    requestId: request.id,
    requestUrl: request.url,
    transport: request.transport,
    receivedAt: request.sentAt,
  }));
  let path = '';
  try {
    path = new URL(request.url).pathname;
  } catch {
    // A relative or broken URL still gets decoded by payload; it just is not a known config path.
  }
  const other = events.length === 0 && NON_EVENT_PATH.test(path);
  return { events, problem: events.length === 0 && !other ? (result.undecodable?.reason ?? 'no events in body') : null, other };
}

/**
 * Decodes what a tab's collector forwarded and appends it to that tab's buffer. Writes to one tab
 * are serialised so two messages arriving together cannot overwrite each other's events.
 */
export function createCaptureIntake() {
  const queues = new Map<number, Promise<unknown>>();

  function update(tabId: number, change: (buffer: TabEvents) => TabEvents): Promise<void> {
    const item = tabEventsItem(tabId);
    const previous = queues.get(tabId) ?? Promise.resolve();
    const next = previous.then(async () => {
      const buffer = change((await item.getValue()) ?? emptyTabEvents());
      await item.setValue(buffer);
      void showEventCount(tabId, buffer.events.length);
    });
    const settled = next.catch(() => undefined);
    queues.set(tabId, settled);
    void settled.then(() => {
      if (queues.get(tabId) === settled) queues.delete(tabId);
    });
    return next;
  }

  return {
    async ingest(tabId: number, requests: CapturedRequest[]): Promise<string[]> {
      const decoded = requests.map((request) => ({ request, ...decodeCaptured(request) }));
      await update(tabId, (buffer) => {
        let next: TabEvents = { ...buffer, requestsSeen: buffer.requestsSeen + requests.length };
        for (const { request, events, problem, other } of decoded) {
          if (other) next = { ...next, otherRequests: next.otherRequests + 1 };
          if (problem) next = appendUndecodable(next, { requestId: request.id, url: request.url, reason: problem, at: request.sentAt });
          next = appendEvents(next, events);
        }
        return next;
      });
      return requests.map((request) => request.id);
    },
    async read(tabId: number): Promise<TabEvents> {
      await queues.get(tabId);
      return (await tabEventsItem(tabId).getValue()) ?? emptyTabEvents();
    },
    async clear(tabId: number): Promise<void> {
      await update(tabId, () => emptyTabEvents());
    },
    async forget(tabId: number): Promise<void> {
      await queues.get(tabId);
      await tabEventsItem(tabId).removeValue();
    },
  };
}
