import type { PersistenceSnapshot } from '../core/identity/types';
import { pageSources, readPersistence } from './readPersistence';

/** A burst of captures (a batch flush, identify + $set) is read once, this long after the first. */
const SETTLE_MS = 250;

/**
 * Reads the SDK's persistence when it may have changed and hands on what differs from last time:
 * on load, after each captured request (the SDK writes before it sends), when the tab becomes
 * visible or hidden, and when another tab writes (`storage` event). Writes by the page itself fire
 * no `storage` event in the same document, hence the other triggers.
 */
export function watchPersistence(win: Window, send: (snapshots: PersistenceSnapshot[]) => Promise<unknown>) {
  let lastSent = '[]';
  let timer: ReturnType<typeof setTimeout> | undefined;

  function check(): void {
    timer = undefined;
    const snapshots = readPersistence(pageSources(win), Date.now());
    const signature = JSON.stringify(snapshots.map(({ readAt: _readAt, ...rest }) => rest));
    if (signature === lastSent) return;
    lastSent = signature;
    send(snapshots).catch(() => {
      // The background did not take it (the extension reloaded): send it again next time.
      lastSent = '';
    });
  }

  function soon(delay = SETTLE_MS): void {
    if (timer === undefined) timer = setTimeout(check, delay);
  }

  win.addEventListener('DOMContentLoaded', () => soon(0));
  win.addEventListener('load', () => soon(0));
  win.document.addEventListener('visibilitychange', () => soon(0));
  win.addEventListener('storage', (event) => {
    if ((event as StorageEvent).key?.startsWith('ph_') !== false) soon();
  });
  soon(0);
  return { soon };
}
