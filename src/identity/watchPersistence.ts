import type { PersistenceSnapshot } from '../core/identity/types';
import { pageSources, readPersistence } from './readPersistence';

/** A burst of captures (a batch flush, identify + $set) is read once, this long after the first. */
const SETTLE_MS = 250;
/**
 * An unchanged snapshot is sent again after a capture at most this often, so its read time keeps
 * up with the events: "storage still says X after the SDK sent Y" is a finding, "said X before" not.
 */
const REFRESH_MS = 2_000;

/**
 * Reads the SDK's persistence when it may have changed and hands on what differs from last time:
 * on load, after each captured request (the SDK writes before it sends), when the tab becomes
 * visible or hidden, and when another tab writes (`storage` event). Writes by the page itself fire
 * no `storage` event in the same document, hence the other triggers.
 */
export function watchPersistence(win: Window, send: (snapshots: PersistenceSnapshot[]) => Promise<unknown>) {
  let lastSent = '[]';
  let lastSentAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let refresh = false;
  /** Per persistence name: its content last time, and since when it has read that way. */
  const unchanged = new Map<string, { content: string; since: number }>();

  function check(): void {
    timer = undefined;
    const now = Date.now();
    const snapshots = readPersistence(pageSources(win), now).map((snapshot) => {
      const { readAt: _readAt, unchangedSince: _since, ...rest } = snapshot;
      const content = JSON.stringify(rest);
      const held = unchanged.get(snapshot.name);
      const since = held?.content === content ? held.since : now;
      unchanged.set(snapshot.name, { content, since });
      return { ...snapshot, unchangedSince: since };
    });
    const signature = JSON.stringify(snapshots.map(({ readAt: _readAt, unchangedSince: _since, ...rest }) => rest));
    const stale = refresh && snapshots.length > 0 && now - lastSentAt >= REFRESH_MS;
    refresh = false;
    if (signature === lastSent && !stale) return;
    lastSent = signature;
    lastSentAt = now;
    send(snapshots).catch(() => {
      // The background did not take it (the extension reloaded): send it again next time.
      lastSent = '';
    });
  }

  function soon(delay = SETTLE_MS): void {
    if (timer === undefined) timer = setTimeout(check, delay);
  }

  /** After a captured request: the SDK wrote before it sent, and the snapshot's time should follow. */
  function afterCapture(): void {
    refresh = true;
    soon();
  }

  win.addEventListener('DOMContentLoaded', () => soon(0));
  win.addEventListener('load', () => soon(0));
  win.document.addEventListener('visibilitychange', () => soon(0));
  win.addEventListener('storage', (event) => {
    if ((event as StorageEvent).key?.startsWith('ph_') !== false) soon();
  });
  soon(0);
  return { soon, afterCapture };
}
