import { storage } from 'wxt/utils/storage';
import type { ConnectionTarget } from '../messaging/protocol';

/**
 * Every storage item, declared once. Nothing secret lives in `browser.storage`: the API key is in
 * `secretStore` (see there why). Event buffers live in IndexedDB (`capture/eventStore`).
 */

export interface StoredConnection {
  target: ConnectionTarget;
  host: string;
  /** As the user chose it: a number, or `@current`. */
  projectId: string;
  /**
   * The project's numeric id as the server last said (`@current` resolved). Each project's action
   * cache and outbox are stored under it, so `@current` and `1` are one project. Version 2.
   */
  resolvedProjectId: number | null;
  keyHint: string | null;
  verifiedAt: number | null;
  projectName: string | null;
}

/** Version 1, before sync: no `resolvedProjectId`. */
export type StoredConnectionV1 = Omit<StoredConnection, 'resolvedProjectId'>;

/** v1 → v2: a numeric project id is its own resolution; `@current` is resolved at the next sync. */
export function migrateConnectionV1(v1: StoredConnectionV1 | null): StoredConnection | null {
  if (!v1) return null;
  return { ...v1, resolvedProjectId: /^\d+$/.test(v1.projectId) ? Number(v1.projectId) : null };
}

export const connectionItem = storage.defineItem<StoredConnection | null>('local:connection', {
  fallback: null,
  version: 2,
  migrations: { 2: migrateConnectionV1 },
});

/** Match patterns (`https://example.com/*`) the user enabled capture on. */
export const enabledSitesItem = storage.defineItem<string[]>('local:enabledSites', {
  fallback: [],
  version: 1,
});
