import { z } from 'zod';
import { actionSchema } from '../core/actions/schema';
import { actionContentSchema } from './actionContent';

/**
 * What the popup, side panel and overlay see of sync: each action with where it stands, and one
 * summary for the whole project. Built by the background from the server cache and the outbox.
 */

export const OpKind = z.enum(['create', 'edit', 'delete']);
export type OpKind = z.infer<typeof OpKind>;

/** A problem in words the user can act on, with the client's error kind (`unauthorized`, `rate_limited`…). */
export const SyncProblem = z.object({ kind: z.string(), message: z.string(), at: z.number() });
export type SyncProblem = z.infer<typeof SyncProblem>;

export const EntryStatus = z.discriminatedUnion('state', [
  /** The server's copy is this copy. */
  z.object({ state: z.literal('synced') }),
  /** A local change waits to be sent (or is being sent); `retryAt` when an attempt failed. */
  z.object({ state: z.literal('pending'), op: OpKind, attempts: z.number(), retryAt: z.number().nullable(), problem: SyncProblem.nullable() }),
  /** The server refused the change for good (e.g. 400); it stays here until retried or discarded. */
  z.object({ state: z.literal('failed'), op: OpKind, problem: SyncProblem }),
  /**
   * Someone changed the action on the server since this change was made: both are kept until the
   * user picks one. `theirs` null: it was deleted there. `base`: the copy this change was made from.
   */
  z.object({
    state: z.literal('conflict'),
    op: OpKind,
    mine: actionContentSchema,
    theirs: actionSchema.nullable(),
    base: actionContentSchema.nullable(),
  }),
]);
export type EntryStatus = z.infer<typeof EntryStatus>;

export const ActionEntry = z.object({
  /** `id:12` for an action the server has; `local:<uuid>` for one created here and not yet acknowledged. */
  key: z.string(),
  id: z.number().nullable(),
  /** The copy to show and match with: the local change where one is pending, else the server's. */
  action: actionSchema.omit({ id: true }).extend({ id: z.number().nullable() }),
  status: EntryStatus,
});
export type ActionEntry = z.infer<typeof ActionEntry>;

export const SyncSummary = z.object({
  /**
   * `synced`: nothing waits; `syncing`: changes are being sent; `offline`: the API is unreachable;
   * `rate-limited`: paused until `retryAt`; `blocked`: the key or project does not work (see
   * `problem`), nothing is sent until that changes; `attention`: conflicts or failed changes.
   */
  state: z.enum(['synced', 'syncing', 'offline', 'rate-limited', 'blocked', 'attention']),
  pending: z.number(),
  failed: z.number(),
  conflicts: z.number(),
  /** When the server and this browser last agreed (the outbox empty after a pull or a send). */
  lastSyncAt: z.number().nullable(),
  /** When the server's list was last read. */
  pulledAt: z.number().nullable(),
  retryAt: z.number().nullable(),
  problem: SyncProblem.nullable(),
  /** One line for the indicator: "Synced", "Rate limited, retrying in 30 s", "Key lacks action:write"… */
  message: z.string(),
});
export type SyncSummary = z.infer<typeof SyncSummary>;

export const ConflictChoice = z.enum(['mine', 'theirs', 'merge']);
export type ConflictChoice = z.infer<typeof ConflictChoice>;
