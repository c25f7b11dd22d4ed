import type { PersistenceSnapshot, PersistenceSource } from '../core/identity/types';

/**
 * Reads what posthog-js stored about the user, from the page's own storage (the isolated content
 * script shares the document's `localStorage`, `sessionStorage` and cookies).
 *
 * posthog-js names its persistence `ph_<token>_posthog`, or `ph_<persistence_name>` when the site set
 * one, and keeps it in localStorage and/or a cookie (default `localStorage+cookie`: the cookie holds
 * the identity keys, localStorage the rest) or in sessionStorage. `persistence: 'memory'` stores
 * nothing: such a token simply has no snapshot. Any `ph_*` entry whose value is a JSON object with a
 * `distinct_id` or `$device_id` counts; other `ph_*` keys the SDK writes (window ids, flags) do not.
 */

const MAX_SNAPSHOTS = 20;
/** `$stored_person_properties` larger than this is left out rather than sent whole. */
const MAX_PERSON_PROPERTIES_CHARS = 16 * 1024;
const MAX_ID_CHARS = 512;

type Stored = Record<string, unknown>;

function parseObject(text: string | null): Stored | null {
  if (!text || text[0] !== '{') return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Stored) : null;
  } catch {
    return null;
  }
}

function isPersistence(value: Stored | null): value is Stored {
  return value !== null && ('distinct_id' in value || '$device_id' in value);
}

function storageEntries(storage: Storage | null): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  if (!storage) return entries;
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith('ph_')) entries.push([key, storage.getItem(key) ?? '']);
  }
  return entries;
}

function cookieEntries(cookie: string): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  for (const part of cookie.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    if (!name.startsWith('ph_')) continue;
    try {
      entries.push([name, decodeURIComponent(part.slice(at + 1).trim())]);
    } catch {
      // A malformed cookie value is not posthog-js's.
    }
  }
  return entries;
}

/** Storage access throws in sandboxed frames and with storage blocked: such a source is empty. */
function safely<T>(read: () => T, empty: T): T {
  try {
    return read();
  } catch {
    return empty;
  }
}

const text = (value: unknown): string | null =>
  typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, MAX_ID_CHARS) : null;

/** `ph_<token>_posthog` → the token; a custom persistence name has none. */
export function tokenOfPersistenceName(name: string): string | null {
  return name.startsWith('ph_') && name.endsWith('_posthog') && name.length > 11 ? name.slice(3, -8) : null;
}

export interface PersistenceSources {
  localStorage: Storage | null;
  sessionStorage: Storage | null;
  cookie: string;
}

/** The page's persistence sources, each empty where access is refused. */
export function pageSources(win: Window): PersistenceSources {
  return {
    localStorage: safely(() => win.localStorage, null),
    sessionStorage: safely(() => win.sessionStorage, null),
    cookie: safely(() => win.document.cookie, ''),
  };
}

/** One snapshot per persistence name; where a name is in several places, the first source with a field wins. */
export function readPersistence(sources: PersistenceSources, now: number): PersistenceSnapshot[] {
  const found = new Map<string, Array<{ source: PersistenceSource; value: Stored }>>();
  const add = (source: PersistenceSource, entries: Array<[string, string]>) => {
    for (const [name, raw] of entries) {
      const value = parseObject(raw);
      if (!isPersistence(value)) continue;
      const list = found.get(name) ?? [];
      list.push({ source, value });
      found.set(name, list);
    }
  };
  add('localStorage', safely(() => storageEntries(sources.localStorage), []));
  add('cookie', safely(() => cookieEntries(sources.cookie), []));
  add('sessionStorage', safely(() => storageEntries(sources.sessionStorage), []));

  const snapshots: PersistenceSnapshot[] = [];
  for (const [name, list] of found) {
    if (snapshots.length >= MAX_SNAPSHOTS) break;
    const field = (key: string): unknown => list.find((entry) => entry.value[key] !== undefined)?.value[key];
    const sesid = field('$sesid');
    const personProperties = field('$stored_person_properties');
    const personPropertiesFit =
      typeof personProperties === 'object' && personProperties !== null && !Array.isArray(personProperties) && JSON.stringify(personProperties).length <= MAX_PERSON_PROPERTIES_CHARS;
    snapshots.push({
      name,
      token: tokenOfPersistenceName(name),
      source: (list.find((entry) => entry.value.distinct_id !== undefined) ?? list[0]!).source,
      readAt: now,
      distinctId: text(field('distinct_id')),
      deviceId: text(field('$device_id')),
      userState: text(field('$user_state')),
      sessionId: Array.isArray(sesid) ? text(sesid[1]) : null,
      storedPersonProperties: personPropertiesFit ? (personProperties as Record<string, unknown>) : null,
    });
  }
  return snapshots;
}
