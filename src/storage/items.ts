import { storage } from 'wxt/utils/storage';
import type { ConnectionTarget } from '../messaging/protocol';

/**
 * Every storage item, declared once. Nothing secret lives in `browser.storage`: the API key is in
 * `secretStore` (see there why). Event buffers live in IndexedDB (`capture/eventStore`).
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
