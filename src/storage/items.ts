import { storage } from 'wxt/utils/storage';
import type { ConnectionTarget } from '../messaging/protocol';
import type { TabEvents } from '../capture/tabEvents';

/**
 * Every storage item, declared once. Nothing secret lives in `browser.storage`: the API key is in
 * `secretStore` (see there why).
 */

export interface StoredConnection {
  target: ConnectionTarget;
  host: string;
  projectId: string;
  keyHint: string | null;
  verifiedAt: number | null;
  projectName: string | null;
}

export const connectionItem = storage.defineItem<StoredConnection | null>('local:connection', {
  fallback: null,
  version: 1,
});

/** Match patterns (`https://example.com/*`) the user enabled capture on. */
export const enabledSitesItem = storage.defineItem<string[]>('local:enabledSites', {
  fallback: [],
  version: 1,
});

/**
 * Per-tab event buffers live in `storage.session`: they survive the service worker being stopped
 * but not the browser session, and content scripts cannot read them (Chrome's default access level
 * for the session area is trusted contexts only).
 */
export function tabEventsItem(tabId: number) {
  return storage.defineItem<TabEvents | null>(`session:tabEvents:${tabId}`, { fallback: null });
}
