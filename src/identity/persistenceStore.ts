import { browser } from 'wxt/browser';
import { publish } from '../capture/eventFeed';
import type { PersistenceSnapshot } from '../core/identity/types';

/**
 * The newest persistence snapshot per name for each tab, in `storage.session`: it survives the
 * service worker being stopped, goes with the browser session, and content scripts cannot read it.
 * Keyed by the sender's tab, which the router takes from the message sender, never from the body.
 */
const KEY_PREFIX = 'actionlens.persistence.';
const MAX_NAMES_PER_TAB = 20;
/** What one tab may keep; a page controls what its storage holds. */
const MAX_CHARS_PER_TAB = 64 * 1024;

const keyOf = (tabId: number) => `${KEY_PREFIX}${tabId}`;

export async function readTabPersistence(tabId: number): Promise<PersistenceSnapshot[]> {
  const key = keyOf(tabId);
  const stored = (await browser.storage.session.get(key))[key];
  return Array.isArray(stored) ? (stored as PersistenceSnapshot[]) : [];
}

/** Replaces what the tab's page holds now: a name missing from `snapshots` was removed by the SDK. */
export async function saveTabPersistence(tabId: number, snapshots: PersistenceSnapshot[]): Promise<void> {
  let kept = snapshots.slice(0, MAX_NAMES_PER_TAB);
  if (JSON.stringify(kept).length > MAX_CHARS_PER_TAB) kept = kept.map((snapshot) => ({ ...snapshot, storedPersonProperties: null }));
  if (JSON.stringify(kept).length > MAX_CHARS_PER_TAB) return;
  await browser.storage.session.set({ [keyOf(tabId)]: kept });
  publish({ kind: 'persistence', tabId, snapshots: kept });
}

export async function forgetTabPersistence(tabId: number): Promise<void> {
  await browser.storage.session.remove(keyOf(tabId));
}
