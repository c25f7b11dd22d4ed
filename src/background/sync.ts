import { browser } from 'wxt/browser';
import { createApiClient } from '../api/client';
import { ACTIONS_CHANGED_KEY } from '../storage/builderDraftKey';
import { connectionItem } from '../storage/items';
import { readApiKey } from '../storage/secretStore';
import { createSyncEngine, type SyncConnection } from '../sync/syncEngine';

/**
 * The background's one sync engine and what ties it to the browser: `storage.local` for the outbox
 * and cache, alarms for retries that must outlive the worker, and a `storage.session` key that tells
 * open views the state changed (content scripts cannot read the session area).
 */

/** Retries when due; a stopped worker is woken by it. */
export const SYNC_ALARM = 'actionlens-sync';
/** Reads the server's list now and then, and sends whatever a lost wake-up left behind. */
export const SYNC_PULL_ALARM = 'actionlens-sync-pull';
export const SYNC_PULL_MINUTES = 5;
/**
 * Packed Chrome fires alarms at most every 30 s (unpacked ones every second). We never ask for less,
 * so the unpacked build under test behaves as the store build does; shorter waits are the engine's
 * in-memory timer while the worker lives.
 */
export const MIN_ALARM_DELAY_MS = 30_000;

/** A worker starting reads the list when its copy is older than this. */
const START_PULL_MAX_AGE_MS = 60_000;

/** How often at most the views are told to look again. */
const NOTIFY_MS = 200;

let notifyTimer: ReturnType<typeof setTimeout> | null = null;
function notifyViews(): void {
  if (notifyTimer) return;
  notifyTimer = setTimeout(() => {
    notifyTimer = null;
    void browser.storage.session.set({ [ACTIONS_CHANGED_KEY]: Date.now() });
  }, NOTIFY_MS);
}

let wakeAt: number | null = null;
function scheduleWake(at: number | null): void {
  if (at === null) {
    if (wakeAt !== null) void browser.alarms.clear(SYNC_ALARM);
    wakeAt = null;
    return;
  }
  const when = Math.max(at, Date.now() + MIN_ALARM_DELAY_MS);
  // The alarm is a fallback for a stopped worker: moving it by a few seconds is not worth a call.
  if (wakeAt !== null && Math.abs(wakeAt - when) < 5_000) return;
  wakeAt = when;
  void browser.alarms.create(SYNC_ALARM, { when });
}

/**
 * The connection as last read: the engine asks before every step, and reading the key opens
 * IndexedDB (milliseconds each time). Dropped whenever the stored connection changes — the key is
 * only ever written together with it (see background/connection.ts).
 */
let cachedConnection: Promise<SyncConnection | null> | null = null;

/** The connected project and its key (background only: the key never leaves it). */
export function connection(): Promise<SyncConnection | null> {
  cachedConnection ??= readConnection().then((value) => {
    // A failure to resolve `@current` (offline) is asked again next time, not remembered.
    if (!value) cachedConnection = null;
    return value;
  });
  return cachedConnection;
}

/** The key or the connection was just written (options page): read both again. */
export function forgetCachedConnection(): void {
  cachedConnection = null;
}

/** The connected project with its numeric id; `@current` is resolved once and remembered. */
async function readConnection(): Promise<SyncConnection | null> {
  const stored = await connectionItem.getValue();
  if (!stored) return null;
  const apiKey = await readApiKey();
  if (!apiKey) return null;
  let projectId = stored.resolvedProjectId ?? (/^\d+$/.test(stored.projectId) ? Number(stored.projectId) : null);
  if (projectId === null) {
    try {
      projectId = (await createApiClient({ host: stored.host, apiKey, projectId: stored.projectId, timeoutMs: 10_000 }).getProject()).id;
      await connectionItem.setValue({ ...stored, resolvedProjectId: projectId });
    } catch {
      return null;
    }
  }
  return { host: stored.host, apiKey, projectId };
}

export const syncEngine = createSyncEngine({
  storage: browser.storage.local,
  connection,
  scheduleWake,
  changed: notifyViews,
});

/** Registered synchronously at start-up, so an alarm that woke the worker is not missed. */
export function registerSync(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) {
      wakeAt = null;
      void syncEngine.pump();
    } else if (alarm.name === SYNC_PULL_ALARM) void syncEngine.tick({ pullNow: true });
  });
  void browser.alarms.get(SYNC_PULL_ALARM).then((existing) => {
    if (!existing) void browser.alarms.create(SYNC_PULL_ALARM, { periodInMinutes: SYNC_PULL_MINUTES });
  });
  // A new key or project: its outbox is sent (each project keeps its own, see sync/syncState.ts).
  connectionItem.watch(() => {
    cachedConnection = null;
    void syncEngine.pump();
  });
  self.addEventListener('online', () => void syncEngine.tick());
  // Whatever the last worker left due or in flight; and the list, unless read in the last minute
  // (the worker wakes for every captured request: not a read of the list each time).
  void syncEngine.tick({ maxAgeMs: START_PULL_MAX_AGE_MS });
}
