import { z } from 'zod';
import { actionSchema } from '../core/actions/schema';
import { actionContentSchema, CONTENT_FIELDS } from './actionContent';
import { OpKind, SyncProblem } from './syncView';

/**
 * One project's sync state as `storage.local` holds it, one key per record so that a change
 * writes what changed and not the whole project:
 *
 *   sync|<host>|<projectId>|meta        SyncMeta: schema version, id map, pause, block, times
 *   sync|<host>|<projectId>|a|<id>      the server's copy of action <id> as last read
 *   sync|<host>|<projectId>|op|<opId>   one outbox entry
 *   sync|<host>|<projectId>|id|<local>  the server id of an action created here (`local:<uuid>`)
 *
 * A record written as `null` is a tombstone (so that "remove this op, store that action" is one
 * atomic `set`); tombstones are swept on load. Every record is parsed when loaded: storage is a
 * boundary, and an entry that does not parse is kept aside, not dropped (see `loadScope`).
 */

/** The current schema version of the records above; `migrateMeta` brings older ones here. */
export const SYNC_SCHEMA_VERSION = 1;

export const OutboxOp = z.object({
  opId: z.string(),
  /** Order of creation within the project: ops of one action are sent in this order. */
  seq: z.number(),
  /** The action: `id:<n>`, or `local:<uuid>` for one created here (see `SyncMeta.idMap`). */
  key: z.string(),
  kind: OpKind,
  /** What this browser wants the action to be (for a delete: the copy being deleted). */
  mine: actionContentSchema,
  /** The server's copy the change was made from; null for a create. */
  base: actionContentSchema.nullable(),
  /** An edit's fields: only these are sent (`PATCH`), and only these can conflict. */
  changed: z.array(z.enum(CONTENT_FIELDS)),
  state: z.enum(['queued', 'failed', 'conflict']),
  attempts: z.number(),
  /**
   * An attempt may have reached the server without us learning its answer (timeout, dropped
   * connection, 5xx, unreadable answer, or the worker stopped mid-request — which is why every
   * queued op is uncertain when a new worker loads it). Such an op is reconciled against the
   * server before it is sent again, so it takes effect exactly once, and the next change of the
   * action is a new op after it rather than folded into it.
   */
  uncertain: z.boolean(),
  nextAttemptAt: z.number(),
  problem: SyncProblem.nullable(),
  /** On conflict: the server's copy when it was found (null: deleted there). */
  theirs: actionSchema.nullable().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type OutboxOp = z.infer<typeof OutboxOp>;

export const SyncMeta = z.object({
  v: z.literal(SYNC_SCHEMA_VERSION),
  host: z.string(),
  projectId: z.number(),
  /** Next `OutboxOp.seq`. */
  seq: z.number(),
  /** `local:<uuid>` → the id the server gave it (in memory; stored as one `id|` record each). */
  idMap: z.record(z.string(), z.number()),
  pulledAt: z.number().nullable(),
  lastSyncAt: z.number().nullable(),
  /** A 429's `Retry-After`: no request before `until`. */
  pausedUntil: z.number(),
  /** The key or project does not work (401, 403, 404 on the project): nothing is sent until it does. */
  blocked: SyncProblem.nullable(),
  /** The last request's failure, cleared by the next success (drives "offline"). */
  lastProblem: SyncProblem.nullable(),
});
export type SyncMeta = z.infer<typeof SyncMeta>;

/**
 * Each earlier version's upgrade, by the version it upgrades from. Version 1 is the first: the
 * table is where version 2 adds its step, and `migrateMeta` refuses what it cannot read rather
 * than guessing.
 */
const MIGRATIONS: Record<number, (meta: Record<string, unknown>) => Record<string, unknown>> = {};

export function migrateMeta(raw: unknown): SyncMeta | null {
  if (!raw || typeof raw !== 'object') return null;
  let meta = raw as Record<string, unknown>;
  let version = typeof meta['v'] === 'number' ? meta['v'] : 0;
  while (version < SYNC_SCHEMA_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) return null;
    meta = step(meta);
    version++;
  }
  const parsed = SyncMeta.safeParse({ ...meta, v: version });
  return parsed.success ? parsed.data : null;
}

export function scopePrefix(host: string, projectId: number): string {
  return `sync|${host.replace(/\/+$/, '')}|${projectId}|`;
}
