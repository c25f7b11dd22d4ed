import type { PersistenceSnapshot } from '../core/identity/types';
import type { BufferedEvent, TabMeta } from './tabEvents';

/**
 * Live updates from the background to every open popup and side panel. A BroadcastChannel reaches
 * all same-origin extension contexts (service worker, event page, pages) without the cost of
 * runtime messaging, and carries only what changed.
 */
const CHANNEL = 'actionlens-events';

export type FeedMessage =
  | { kind: 'appended'; tabId: number; events: BufferedEvent[]; meta: TabMeta }
  | { kind: 'cleared'; tabId: number; meta: TabMeta }
  /** What the page's SDK stores about the user changed (identity/persistenceStore.ts). */
  | { kind: 'persistence'; tabId: number; snapshots: PersistenceSnapshot[] };

export function publish(message: FeedMessage): void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(message);
  channel.close();
}

export function subscribe(tabId: number, onMessage: (message: FeedMessage) => void): () => void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<FeedMessage>) => {
    if (event.data?.tabId === tabId) onMessage(event.data);
  };
  return () => channel.close();
}
