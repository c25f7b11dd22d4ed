import { currentContext } from '../platform/extensionContext';

/**
 * The personal API key lives here, in the extension origin's IndexedDB, and nowhere else.
 *
 * Content scripts can read `storage.local` (and `storage.session` once access is widened), so the
 * key must not be kept in any `browser.storage` area. IndexedDB is per origin: a content script
 * runs with the page's origin and can never open this database. Within the extension, only the
 * background and the options page may open it; the popup and side panel see a hint, never the key.
 */

const DB_NAME = 'actionlens-secrets';
const STORE = 'secrets';
const API_KEY = 'apiKey';

export class SecretAccessError extends Error {
  constructor(where: string) {
    super(`the API key is not readable from ${where}`);
    this.name = 'SecretAccessError';
  }
}

function assertTrusted(scope: typeof globalThis): void {
  const context = currentContext(scope);
  if (context !== 'background' && context !== 'options') {
    throw new SecretAccessError(context === 'web' ? 'a web page or content script' : 'this extension page');
  }
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = run(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result as T);
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

export async function readApiKey(scope: typeof globalThis = globalThis): Promise<string | null> {
  assertTrusted(scope);
  const value = await withStore<unknown>('readonly', (store) => store.get(API_KEY));
  return typeof value === 'string' ? value : null;
}

export async function writeApiKey(key: string, scope: typeof globalThis = globalThis): Promise<void> {
  assertTrusted(scope);
  await withStore('readwrite', (store) => store.put(key, API_KEY));
}

export async function deleteApiKey(scope: typeof globalThis = globalThis): Promise<void> {
  assertTrusted(scope);
  await withStore('readwrite', (store) => store.delete(API_KEY));
}

/** `phx_…a1b2`: enough to recognise a key, not enough to use it. */
export function keyHint(key: string): string {
  const prefix = key.startsWith('phx_') ? 'phx_' : '';
  return `${prefix}…${key.slice(-4)}`;
}
