import { type Action, actionSchema } from '../core/actions/schema';
import { migrateMeta, OutboxOp, scopePrefix, SYNC_SCHEMA_VERSION, type SyncMeta } from './syncState';

/** The part of `browser.storage.local` the store needs (a fake in unit tests). */
export interface KeyValueArea {
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/**
 * One project's sync state, in memory and in `storage.local` (layout in `syncState.ts`). The
 * background is the only writer, so memory is the truth while the worker runs and storage is what
 * the next worker starts from. Changes are staged and written by `commit`, one `set` per commit
 * (removals as `null` tombstones inside it), so a record and the op that produced it land together.
 */
export class ScopeStore {
  readonly prefix: string;
  meta: SyncMeta;
  readonly server = new Map<number, Action>();
  readonly ops = new Map<string, OutboxOp>();
  /** Stored records that did not parse (written by a newer version, or damaged): kept, not used. */
  unreadable = 0;
  private staged: Record<string, unknown> = {};
  private writing: Promise<void> = Promise.resolve();
  /** The write that will take what is staged now, once the one running ends. */
  private next: Promise<void> | null = null;
  private soon: ReturnType<typeof setTimeout> | null = null;

  private constructor(
    private readonly area: KeyValueArea,
    host: string,
    projectId: number,
  ) {
    this.prefix = scopePrefix(host, projectId);
    this.meta = {
      v: SYNC_SCHEMA_VERSION,
      host,
      projectId,
      seq: 1,
      idMap: {},
      pulledAt: null,
      lastSyncAt: null,
      pausedUntil: 0,
      blocked: null,
      lastProblem: null,
    };
  }

  static async load(area: KeyValueArea, host: string, projectId: number): Promise<ScopeStore> {
    const store = new ScopeStore(area, host, projectId);
    const all = await area.get(null);
    const tombstones: string[] = [];
    const idMap: Record<string, number> = {};
    for (const [key, value] of Object.entries(all)) {
      if (!key.startsWith(store.prefix)) continue;
      if (value === null) {
        tombstones.push(key);
        continue;
      }
      const rest = key.slice(store.prefix.length);
      if (rest === 'meta') {
        const meta = migrateMeta(value);
        if (meta) store.meta = { ...meta, host, projectId };
        else store.unreadable++;
      } else if (rest.startsWith('a|')) {
        const action = actionSchema.safeParse(value);
        if (action.success) store.server.set(action.data.id, action.data);
        else store.unreadable++;
      } else if (rest.startsWith('id|')) {
        if (typeof value === 'number') idMap[rest.slice(3)] = value;
        else store.unreadable++;
      } else if (rest.startsWith('op|')) {
        const op = OutboxOp.safeParse(value);
        if (op.success) store.ops.set(op.data.opId, op.data);
        else store.unreadable++;
      }
    }
    // Ids mapped by an older layout inside meta are kept too.
    store.meta.idMap = { ...store.meta.idMap, ...idMap };
    if (tombstones.length > 0) await area.remove(tombstones);
    const bySeq = [...store.ops.values()].sort((a, b) => a.seq - b.seq);
    store.ops.clear();
    for (const op of bySeq) {
      // The last worker may have sent any queued op and stopped before the answer (an attempt is not
      // written ahead). Each is reconciled before it is sent again — a create against the server's
      // list (never a second copy) — and none absorbs the next change as if it had never been sent:
      // a change on top of one that may have landed is a new op, made from that one's copy.
      store.ops.set(op.opId, op.state === 'queued' ? { ...op, uncertain: true } : op);
    }
    if (store.meta.seq <= Math.max(0, ...[...store.ops.values()].map((op) => op.seq))) {
      store.meta.seq = Math.max(...[...store.ops.values()].map((op) => op.seq)) + 1;
    }
    return store;
  }

  /** Ops in the order they were made (the map keeps first-insertion order; `load` inserts by `seq`). */
  orderedOps(): OutboxOp[] {
    return [...this.ops.values()];
  }

  /** When something queued is next due: its earliest retry, or the end of a pause; null when nothing waits. */
  nextDueAt(): number | null {
    let earliest = Infinity;
    for (const op of this.ops.values()) if (op.state === 'queued') earliest = Math.min(earliest, op.nextAttemptAt);
    return earliest === Infinity ? null : Math.max(this.meta.pausedUntil, earliest);
  }

  nextSeq(): number {
    const seq = this.meta.seq++;
    this.stageMeta();
    return seq;
  }

  setMeta(patch: Partial<SyncMeta>): void {
    Object.assign(this.meta, patch);
    this.stageMeta();
  }

  putServer(action: Action): void {
    this.server.set(action.id, action);
    this.staged[`${this.prefix}a|${action.id}`] = action;
  }

  dropServer(id: number): void {
    if (!this.server.delete(id)) return;
    this.staged[`${this.prefix}a|${id}`] = null;
  }

  putOp(op: OutboxOp): void {
    this.ops.set(op.opId, op);
    this.staged[`${this.prefix}op|${op.opId}`] = op;
  }

  dropOp(opId: string): void {
    this.ops.delete(opId);
    this.staged[`${this.prefix}op|${opId}`] = null;
  }

  /**
   * Writes what was staged. One `set` at a time: what is staged while one runs goes in the next,
   * together (four ops finishing at once are one write, not four in a row), and each caller's
   * promise resolves once its changes are stored.
   */
  commit(): Promise<void> {
    if (Object.keys(this.staged).length === 0) return this.next ?? this.writing;
    this.next ??= this.writing.catch(() => undefined).then(() => {
      const items = this.staged;
      this.staged = {};
      this.next = null;
      return this.area.set(items).catch((error: unknown) => {
        // Not lost: staged again under anything newer, for the next write.
        this.staged = { ...items, ...this.staged };
        throw error;
      });
    });
    this.writing = this.next;
    return this.next;
  }

  /**
   * Writes what is staged within `withinMs`, together with whatever else is staged by then: a
   * burst of answers (a drained outbox) is a few writes, not one per answer. For results that are
   * safe to lose with a stopped worker — an op still stored as queued is reconciled on load, never
   * sent twice, as long as nothing after it was sent (the engine waits for this write before it
   * sends the same action's next op). `commit()` meanwhile writes everything at once.
   */
  commitSoon(withinMs: number): void {
    if (this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = null;
      this.commit().catch(() => undefined);
    }, withinMs);
  }

  /** A local key's server id: one small record each, so the meta record stays small as they grow. */
  mapId(localKey: string, id: number): void {
    this.meta.idMap[localKey] = id;
    this.staged[`${this.prefix}id|${localKey}`] = id;
  }

  private stageMeta(): void {
    this.staged[`${this.prefix}meta`] = { ...this.meta, idMap: {} };
  }
}
