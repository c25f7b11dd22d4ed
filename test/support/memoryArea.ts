import type { KeyValueArea } from '../../src/sync/scopeStore';

/**
 * `storage.local` in memory for the sync engine outside a browser: every value is copied in and out
 * (structured clone), as the browser's storage does, so no test or benchmark shares objects with it.
 */
export class MemoryArea implements KeyValueArea {
  readonly data = new Map<string, unknown>();
  async get(keys: string | string[] | null) {
    const wanted = keys === null ? [...this.data.keys()] : Array.isArray(keys) ? keys : [keys];
    return Object.fromEntries(wanted.filter((key) => this.data.has(key)).map((key) => [key, structuredClone(this.data.get(key))]));
  }
  async set(items: Record<string, unknown>) {
    for (const [key, value] of Object.entries(items)) this.data.set(key, structuredClone(value));
  }
  async remove(keys: string | string[]) {
    for (const key of Array.isArray(keys) ? keys : [keys]) this.data.delete(key);
  }
}
