import { ApiError, type ApiClient, createApiClient } from '../api/client';
import { gateFor } from '../api/requestGate';
import { DEFAULT_RETRY_AFTER_MS, retryDecision } from '../api/retryPolicy';
import { Action as ApiAction, Paginated } from '../api/schemas';
import { type Action, type ActionWrite, actionSchema } from '../core/actions/schema';
import {
  type ActionContent,
  changedFields,
  conflictingFields,
  contentOf,
  type ContentField,
  mergeSteps,
  nameOf,
  patchOf,
  sameContent,
  sameField,
} from './actionContent';
import { describeProblem } from './describeProblem';
import { type KeyValueArea, ScopeStore } from './scopeStore';
import type { OutboxOp } from './syncState';
import { buildEntries, summarize } from './syncEntries';
import type { ActionEntry, ConflictChoice, SyncProblem, SyncSummary } from './syncView';

/**
 * Keeps one project's actions and this browser's edits in step, losing nothing:
 *
 * - every create, edit and delete goes into the outbox in `storage.local` before anything is
 *   sent, so a stopped worker resumes where it was;
 * - a create whose answer was lost is reconciled before it is sent again: a live action with that
 *   name and the same content is adopted, one with other content is a conflict — never a second copy;
 * - an edit is compared with the server's copy first, field by field against the copy it was made
 *   from: a field someone else changed meanwhile is a conflict, never overwritten; otherwise only
 *   the changed fields are sent (`PATCH`); a delete is `PATCH {deleted: true}`;
 * - retries follow `api/retryPolicy`; at most 4 requests are in flight (`api/requestGate`).
 *
 * Timing survives the worker: each op's `nextAttemptAt` and the project's pause are stored, and
 * `scheduleWake` asks the background for an alarm. The in-memory timer is only the fast path
 * while the worker runs (packed Chrome fires alarms 30 s apart at best).
 */

export interface SyncConnection {
  host: string;
  apiKey: string;
  projectId: number;
}

export interface SyncDeps {
  storage: KeyValueArea;
  /** The connected project (host, key, numeric id), or null when none is. */
  connection(): Promise<SyncConnection | null>;
  /** A durable wake-up at `at` (epoch ms): the background turns it into an alarm. */
  scheduleWake(at: number | null): void;
  /** Something an open view shows changed. */
  changed(): void;
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
  timeoutMs?: number;
}

export type SyncList =
  | { state: 'ok'; entries: ActionEntry[]; sync: SyncSummary; projectId: number; fetchedAt: number | null }
  | { state: 'not-connected' }
  | { state: 'error'; problem: SyncProblem };

export type SaveOutcome =
  | { ok: true; key: string; entry: ActionEntry | null; sent: boolean; message: string }
  | { ok: false; problem: 'not-connected' | 'validation' | 'failed' | 'conflict'; message: string; field: string | null };

/** The list is read from the server again when a view asks and it is older than this. */
export const PULL_TTL_MS = 10_000;
/** Ops being worked on at once; the gate allows the same number of requests. */
const MAX_RUNNING = 4;
/** How long an answer waits in memory for others to share its write (see ScopeStore.commitSoon). */
const ANSWER_WRITE_MS = 100;
/** A create refused for its name is reconciled this many times before it is called failed. */
const MAX_NAME_RECONCILES = 6;
/** A page of the list more than this many times over is a server that loops. */
const MAX_PAGES = 200;

interface Scope {
  signature: string;
  store: ScopeStore;
  client: ApiClient;
  connection: SyncConnection;
  /** When each server record was last written by an op: a pull that started earlier must not undo it. */
  touchedAt: Map<number, number>;
  pulling: Promise<void> | null;
  /**
   * Actions whose last op is done in memory, perhaps not yet written (see `commitSoon`). Their next
   * op waits for that write: a worker stopped after the next op landed would otherwise start again
   * from an outbox holding the earlier op, and send it over the later one. An action stays listed
   * until such a wait, even when `commitSoon` wrote it first; the wait is then an empty commit.
   */
  unwritten: Set<string>;
}

const localKey = () => `local:${crypto.randomUUID()}`;
const idKey = (id: number) => `id:${id}`;
const idOfKey = (key: string): number | null => (key.startsWith('id:') ? Number(key.slice(3)) : null);

export function createSyncEngine(deps: SyncDeps) {
  const now = deps.now ?? Date.now;
  const random = deps.random ?? Math.random;
  let scope: Scope | null = null;
  let loading: Promise<Scope | null> | null = null;
  const running = new Set<string>();
  let pumping = false;
  let pumpAgain = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  // ---- the connected project ------------------------------------------------------------------

  async function current(): Promise<Scope | null> {
    const connection = await deps.connection();
    if (!connection) {
      scope = null;
      return null;
    }
    const signature = `${connection.host} ${connection.projectId} ${connection.apiKey}`;
    if (scope?.signature === signature) return scope;
    loading ??= (async () => {
      const sameProject = scope && scope.connection.host === connection.host && scope.connection.projectId === connection.projectId;
      const store = sameProject ? scope!.store : await ScopeStore.load(deps.storage, connection.host, connection.projectId);
      // A new key is a new chance: whatever the old one was refused is tried again.
      if (sameProject && store.meta.blocked) {
        store.setMeta({ blocked: null });
        void store.commit();
      }
      const gate = gateFor(connection.host, connection.projectId);
      if (store.meta.pausedUntil > now()) gate.pauseUntil(store.meta.pausedUntil);
      const client = createApiClient({
        host: connection.host,
        apiKey: connection.apiKey,
        projectId: String(connection.projectId),
        timeoutMs: deps.timeoutMs ?? 10_000,
        gate,
        ...(deps.fetch && { fetch: deps.fetch }),
      });
      scope = { signature, store, client, connection, touchedAt: new Map(), pulling: null, unwritten: new Set() };
      return scope;
    })().finally(() => {
      loading = null;
    });
    return loading;
  }

  const problemOf = (s: Scope, error: unknown, writing: boolean) =>
    describeProblem(error, { host: s.connection.host, projectId: s.connection.projectId, writing }, now());

  /**
   * Whether a failure is the key's or the project's rather than one change's: 401, 403, and a 404
   * on a request about the project itself (its list, a create in it). Nothing is sent until it works.
   */
  const blocksProject = (error: unknown, aboutProject: boolean): error is ApiError =>
    error instanceof ApiError && (error.kind === 'unauthorized' || error.kind === 'forbidden' || (error.kind === 'not_found' && aboutProject));

  /** Where a failure leaves the whole project: paused, blocked, offline. */
  function noteFailure(s: Scope, error: unknown, problem: SyncProblem, aboutProject: boolean): void {
    const meta = s.store.meta;
    if (error instanceof ApiError && error.kind === 'rate_limited') {
      const until = now() + (error.extra.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS);
      if (until > meta.pausedUntil) s.store.setMeta({ pausedUntil: until });
    }
    s.store.setMeta({ lastProblem: problem, ...(blocksProject(error, aboutProject) && { blocked: problem }) });
  }

  function noteSuccess(s: Scope): void {
    if (s.store.meta.lastProblem) s.store.setMeta({ lastProblem: null });
  }

  function markSyncedIfIdle(s: Scope): void {
    const waiting = [...s.store.ops.values()].some((op) => op.state === 'queued');
    if (!waiting) s.store.setMeta({ lastSyncAt: now() });
  }

  // ---- pulling the server's list ----------------------------------------------------------------

  async function readAll(s: Scope): Promise<Action[]> {
    const actions: Action[] = [];
    let page = await s.client.listActions();
    actions.push(...page.results.map((action) => actionSchema.parse(action)));
    for (let pages = 1; page.next && pages < MAX_PAGES; pages++) {
      page = await s.client.request('GET', page.next, Paginated(ApiAction));
      actions.push(...page.results.map((action) => actionSchema.parse(action)));
    }
    return actions.filter((action) => !action.deleted);
  }

  /** Reads the server's list into the cache; failures are recorded, not thrown. */
  function pull(s: Scope): Promise<void> {
    s.pulling ??= (async () => {
      const startedAt = now();
      try {
        const actions = await readAll(s);
        const seen = new Set<number>();
        for (const action of actions) {
          seen.add(action.id);
          if ((s.touchedAt.get(action.id) ?? 0) >= startedAt) continue;
          const cached = s.store.server.get(action.id);
          if (!cached || JSON.stringify(cached) !== JSON.stringify(action)) s.store.putServer(action);
        }
        for (const id of [...s.store.server.keys()]) {
          if (!seen.has(id) && (s.touchedAt.get(id) ?? 0) < startedAt) s.store.dropServer(id);
        }
        noteSuccess(s);
        const blocked = s.store.meta.blocked;
        // A list read proves the key and the project work again; a missing write scope it does not.
        if (blocked && blocked.kind !== 'forbidden') s.store.setMeta({ blocked: null });
        s.store.setMeta({ pulledAt: startedAt });
        markSyncedIfIdle(s);
      } catch (error) {
        noteFailure(s, error, problemOf(s, error, false), true);
      } finally {
        await s.store.commit();
        deps.changed();
        s.pulling = null;
      }
    })();
    return s.pulling;
  }

  // ---- the outbox ---------------------------------------------------------------------------------

  /** The action an op is about: a local key once the server acknowledged it is its id. */
  function entityOf(s: Scope, key: string): string {
    const id = s.store.meta.idMap[key];
    return id === undefined ? key : idKey(id);
  }

  function opsOf(s: Scope, entity: string): OutboxOp[] {
    return s.store.orderedOps().filter((op) => entityOf(s, op.key) === entity);
  }

  /** The server id an op writes to, if the server has one for it yet. */
  function serverIdOf(s: Scope, op: OutboxOp): number | null {
    return idOfKey(entityOf(s, op.key));
  }

  /** The first op of each action: ops of one action go one at a time, in order. */
  function heads(s: Scope): OutboxOp[] {
    const first = new Map<string, OutboxOp>();
    for (const op of s.store.orderedOps()) {
      const entity = entityOf(s, op.key);
      if (!first.has(entity)) first.set(entity, op);
    }
    return [...first.values()];
  }

  function finish(s: Scope, op: OutboxOp, server: Action | null, id: number | null): void {
    if (server) {
      s.store.putServer(server);
      s.touchedAt.set(server.id, now());
    } else if (id !== null) {
      s.store.dropServer(id);
      s.touchedAt.set(id, now());
    }
    s.store.dropOp(op.opId);
    s.unwritten.add(entityOf(s, op.key));
    noteSuccess(s);
    markSyncedIfIdle(s);
  }

  function conflict(s: Scope, op: OutboxOp, theirs: Action | null): void {
    if (theirs && !theirs.deleted) {
      s.store.putServer(theirs);
      s.touchedAt.set(theirs.id, now());
    } else {
      // Gone on the server: the cache forgets it, only my side (the op) still shows it.
      const id = serverIdOf(s, op);
      if (id !== null) {
        s.store.dropServer(id);
        s.touchedAt.set(id, now());
      }
    }
    s.store.putOp({ ...op, state: 'conflict', theirs, uncertain: false, problem: null, updatedAt: now() });
  }

  function failed(s: Scope, op: OutboxOp, error: unknown, wasUncertain: boolean): void {
    const problem = problemOf(s, error, true);
    const aboutProject = op.kind === 'create';
    noteFailure(s, error, problem, aboutProject);
    const decision = retryDecision(error, op.attempts, random);
    if (decision.retry === 'never') {
      if (blocksProject(error, aboutProject)) {
        // The key or the project, not this change: it waits, queued, until they work again.
        s.store.putOp({ ...op, uncertain: wasUncertain, problem, nextAttemptAt: now(), updatedAt: now() });
      } else {
        s.store.putOp({ ...op, state: 'failed', uncertain: wasUncertain, problem, updatedAt: now() });
      }
      return;
    }
    s.store.putOp({
      ...op,
      uncertain: wasUncertain || decision.outcomeUnknown,
      problem,
      nextAttemptAt: now() + decision.delayMs,
      updatedAt: now(),
    });
  }

  async function getCurrent(s: Scope, id: number): Promise<Action | null> {
    try {
      return actionSchema.parse(await s.client.getAction(id));
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'not_found') return null;
      throw error;
    }
  }

  async function runCreate(s: Scope, op: OutboxOp): Promise<void> {
    const localId = op.key;
    const adopt = (action: Action) => {
      s.store.mapId(localId, action.id);
      finish(s, op, action, null);
    };
    const reconcile = (found: Action | undefined): boolean => {
      if (!found) return false;
      if (sameContent(contentOf(found), op.mine)) adopt(found);
      else conflict(s, op, found);
      return true;
    };
    if (op.uncertain) {
      // The list was read after the last attempt ended (see `pump`): it shows whether that landed.
      if (reconcile([...s.store.server.values()].find((action) => nameOf(action) === op.mine.name))) return;
    }
    // Uncertain from now until the answer. Not written ahead: a worker that stops before the answer
    // leaves the op stored as it was, and every create a new worker loads is reconciled first
    // (ScopeStore.load) — one read of the list instead of a write before every POST.
    const wasUncertain = op.uncertain;
    const sending = { ...op, attempts: op.attempts + 1, uncertain: true, updatedAt: now() };
    s.store.ops.set(sending.opId, sending);
    try {
      adopt(actionSchema.parse(await s.client.createAction(op.mine)));
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'validation' && (error.extra.code === 'unique' || error.extra.attr === 'name') && sending.attempts < MAX_NAME_RECONCILES) {
        // The name is taken: by an earlier attempt of ours whose answer was lost, or by someone
        // else. The next round reads the list and adopts it or marks the conflict.
        s.store.putOp({ ...sending, uncertain: true, problem: null, nextAttemptAt: now(), updatedAt: now() });
        return;
      }
      failed(s, sending, error, wasUncertain);
    }
  }

  async function runEdit(s: Scope, op: OutboxOp, id: number): Promise<void> {
    const server = await getCurrent(s, id);
    if (!server || server.deleted) return conflict(s, op, server);
    const theirs = contentOf(server);
    const fields: ContentField[] = op.changed.filter((field) => !sameField(field, theirs, op.mine));
    // Already as wanted: an earlier attempt landed, or someone made the same change.
    if (fields.length === 0) return finish(s, op, server, null);
    if (op.base && conflictingFields(op.base, op.mine, theirs, op.changed).length > 0) return conflict(s, op, server);
    const sending = { ...op, attempts: op.attempts + 1 };
    try {
      finish(s, op, actionSchema.parse(await s.client.updateAction(id, patchOf(op.mine, fields))), null);
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'not_found') return conflict(s, op, null);
      failed(s, sending, error, op.uncertain);
    }
  }

  async function runDelete(s: Scope, op: OutboxOp, id: number): Promise<void> {
    const server = await getCurrent(s, id);
    if (!server || server.deleted) return finish(s, op, null, id);
    // Someone changed what is being deleted: they decide together, not the last one to click. As
    // this browser left it (a delete folded into an edit that never went) is no change of theirs.
    const found = contentOf(server);
    if (op.base && !sameContent(found, op.base) && !sameContent(found, op.mine)) return conflict(s, op, server);
    const sending = { ...op, attempts: op.attempts + 1 };
    try {
      await s.client.deleteAction(id);
      finish(s, op, null, id);
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'not_found') return finish(s, op, null, id);
      failed(s, sending, error, op.uncertain);
    }
  }

  async function runOp(s: Scope, op: OutboxOp): Promise<void> {
    try {
      const id = serverIdOf(s, op);
      if (op.kind === 'create') await runCreate(s, op);
      else if (id === null) {
        // Only reachable if the create before it was discarded: nothing on the server to change.
        s.store.dropOp(op.opId);
      } else if (op.kind === 'edit') await runEdit(s, op, id);
      else await runDelete(s, op, id);
    } catch (error) {
      // A failed read before the write: nothing was sent, the op keeps its place.
      failed(s, op, error, op.uncertain);
    } finally {
      // Not awaited: memory is the truth while the worker runs, and the slot is free for the next
      // op at once. Should the worker stop before the write lands, the op is still stored as queued
      // and is reconciled, not sent twice (see ScopeStore.load).
      s.store.commitSoon(ANSWER_WRITE_MS);
      deps.changed();
    }
  }

  /** Sends what is due, up to `MAX_RUNNING` ops at once; reschedules itself as they finish. */
  async function pump(): Promise<void> {
    if (disposed) return;
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    let s: Scope | null = null;
    try {
      do {
        pumpAgain = false;
        s = await current();
        if (!s || s.store.meta.blocked) break;
        if (s.store.meta.pausedUntil > now()) break;
        const due = heads(s).filter((op) => op.state === 'queued' && op.nextAttemptAt <= now() && !running.has(op.opId));
        // Creates whose answer was lost are checked against one fresh read of the list.
        const pulledAt = s.store.meta.pulledAt ?? 0;
        if (due.some((op) => op.kind === 'create' && op.uncertain && op.updatedAt >= pulledAt && !running.has(op.opId))) {
          if (running.size > 0) break; // the in-flight ops finish first, then this runs again
          await pull(s);
          if (s.store.meta.pulledAt === pulledAt) break; // the read failed; its failure paused or blocked us
          pumpAgain = true;
          continue;
        }
        if (due.some((op) => s!.unwritten.has(entityOf(s!, op.key)))) {
          await writeAnswers(s);
          pumpAgain = true;
          continue;
        }
        for (const op of due) {
          if (running.size >= MAX_RUNNING) break;
          running.add(op.opId);
          const scopeNow = s;
          void runOp(scopeNow, op).finally(() => {
            running.delete(op.opId);
            void pump();
          });
        }
      } while (pumpAgain);
    } finally {
      pumping = false;
    }
    if (s) schedule(s);
  }

  /** Writes the answers kept in memory now rather than within `ANSWER_WRITE_MS`. */
  async function writeAnswers(s: Scope): Promise<void> {
    const written = [...s.unwritten];
    try {
      await s.store.commit();
    } catch {
      // Storage refused the write (the store stages it again for the next one): sending goes on.
    }
    for (const entity of written) s.unwritten.delete(entity);
  }

  /** The next time something is due: an in-memory timer now, an alarm for a stopped worker. */
  function schedule(s: Scope): void {
    if (timer) clearTimeout(timer);
    timer = null;
    const at = s.store.nextDueAt();
    if (at === null || s.store.meta.blocked) {
      deps.scheduleWake(null);
      return;
    }
    deps.scheduleWake(at);
    if (running.size === 0 || at > now()) {
      timer = setTimeout(() => {
        timer = null;
        void pump();
      }, Math.max(0, at - now()));
    }
  }

  // ---- what the views ask -----------------------------------------------------------------------

  function view(s: Scope): SyncList {
    const entries = buildEntries(s.store, (key) => entityOf(s, key));
    const sync = summarize(s.store, now(), running.size);
    return { state: 'ok', entries, sync, projectId: s.connection.projectId, fetchedAt: s.store.meta.pulledAt };
  }

  async function list({ refresh = false } = {}): Promise<SyncList> {
    const s = await current();
    if (!s) return { state: 'not-connected' };
    const stale = now() - (s.store.meta.pulledAt ?? 0) > PULL_TTL_MS;
    if (refresh || s.store.meta.pulledAt === null) {
      if (refresh && s.store.meta.blocked?.kind === 'forbidden') s.store.setMeta({ blocked: null });
      await pull(s);
    } else if (stale) void pull(s).then(() => pump());
    void pump();
    if (s.store.meta.pulledAt === null && s.store.server.size === 0 && s.store.ops.size === 0 && s.store.meta.lastProblem) {
      return { state: 'error', problem: s.store.meta.lastProblem };
    }
    return view(s);
  }

  /** The copy an action has after every change this browser still has to send. */
  function localCopy(s: Scope, entity: string): ActionContent | null {
    const ops = opsOf(s, entity);
    if (ops.length > 0) {
      const last = ops[ops.length - 1]!;
      return last.kind === 'delete' ? null : last.mine;
    }
    const id = idOfKey(entity);
    const server = id === null ? undefined : s.store.server.get(id);
    return server ? contentOf(server) : null;
  }

  /** A name is unique per project on the server: say so before the outbox, not after a 400. */
  function nameTakenBy(s: Scope, name: string, except: string | null): string | null {
    const latest = new Map<string, OutboxOp>();
    for (const op of s.store.ops.values()) latest.set(entityOf(s, op.key), op);
    for (const [entity, op] of latest) {
      if (entity !== except && op.kind !== 'delete' && op.mine.name === name) {
        const id = idOfKey(entity);
        return id === null ? 'another action waiting to be sent' : `action #${id}`;
      }
    }
    // A create whose answer was lost may be in the list already, not yet matched to its op: ours.
    const unanswered = [...s.store.ops.values()].filter((op) => op.kind === 'create' && op.uncertain && !(op.key in s.store.meta.idMap));
    for (const action of s.store.server.values()) {
      const entity = idKey(action.id);
      if (entity === except || latest.has(entity) || nameOf(action) !== name) continue;
      if (unanswered.some((op) => sameContent(op.mine, contentOf(action)))) continue;
      return `action #${action.id}`;
    }
    return null;
  }

  /** An op not yet sent (or refused for good) may absorb the next change of the same action. */
  const absorbable = (op: OutboxOp | undefined): op is OutboxOp =>
    !!op && !running.has(op.opId) && !op.uncertain && (op.attempts === 0 || op.state === 'failed') && op.state !== 'conflict';

  function newOp(s: Scope, fields: Pick<OutboxOp, 'key' | 'kind' | 'mine' | 'base' | 'changed'>): OutboxOp {
    const at = now();
    return {
      opId: crypto.randomUUID(),
      seq: s.store.nextSeq(),
      ...fields,
      state: 'queued',
      attempts: 0,
      uncertain: false,
      nextAttemptAt: at,
      problem: null,
      createdAt: at,
      updatedAt: at,
    };
  }

  /**
   * Creates (no key) or changes an action: into the outbox first, then sent. With `waitMs`, waits
   * that long for the server's answer so an online save can say "saved on the project API".
   */
  async function save(key: string | null, write: ActionWrite, { waitMs = 0 } = {}): Promise<SaveOutcome> {
    const s = await current();
    if (!s) return { ok: false, problem: 'not-connected', message: 'No project is connected: connect one in Settings to save actions.', field: null };
    const mine = contentOf(write);
    const entity = key === null ? null : entityOf(s, key);
    const taken = nameTakenBy(s, mine.name, entity);
    if (taken) return { ok: false, problem: 'validation', message: `This project already has an action named “${mine.name}” (${taken}).`, field: 'name' };

    let resultKey: string;
    // A local key this project never saw (the builder kept it across a project switch): a new action here.
    const unknownHere = entity !== null && entity.startsWith('local:') && opsOf(s, entity).length === 0;
    if (entity === null || unknownHere) {
      resultKey = localKey();
      s.store.putOp(newOp(s, { key: resultKey, kind: 'create', mine, base: null, changed: [] }));
    } else {
      resultKey = entity;
      const ops = opsOf(s, entity);
      const last = ops[ops.length - 1];
      if (last?.kind === 'delete') return { ok: false, problem: 'validation', message: 'This action is being deleted.', field: null };
      if (last?.state === 'conflict') {
        // Still the user's side of the conflict: it changes, the choice stays theirs to make.
        s.store.putOp({ ...last, mine, changed: last.base ? changedFields(last.base, mine) : [], updatedAt: now() });
      } else if (absorbable(last)) {
        const changed = last.kind === 'create' || !last.base ? [] : changedFields(last.base, mine);
        if (last.kind === 'edit' && changed.length === 0) s.store.dropOp(last.opId);
        else s.store.putOp({ ...last, mine, changed, state: 'queued', problem: null, attempts: 0, nextAttemptAt: now(), updatedAt: now() });
      } else {
        const base = localCopy(s, entity);
        if (!base) return { ok: false, problem: 'validation', message: 'This action no longer exists.', field: null };
        const changed = changedFields(base, mine);
        if (changed.length > 0) s.store.putOp(newOp(s, { key: entity, kind: 'edit', mine, base, changed }));
      }
    }
    await s.store.commit();
    deps.changed();
    kick(s);
    return waitForSend(s, resultKey, waitMs);
  }

  async function waitForSend(s: Scope, key: string, waitMs: number): Promise<SaveOutcome> {
    const until = now() + waitMs;
    for (;;) {
      const entity = entityOf(s, key);
      const ops = opsOf(s, entity);
      if (ops.length === 0) {
        const entry = entryOf(s, entity);
        return { ok: true, key: entity, entry, sent: true, message: `Saved as action #${entry?.id ?? idOfKey(entity)} “${entry?.action.name ?? ''}” on the project API.` };
      }
      const head = ops[0]!;
      if (head.state === 'conflict') {
        return { ok: false, problem: 'conflict', message: 'Someone changed this action on the server meanwhile: choose which version to keep in the Actions view.', field: null };
      }
      if (head.state === 'failed' && head.problem) return { ok: false, problem: 'failed', message: head.problem.message, field: null };
      const blocked = s.store.meta.blocked;
      if (blocked) {
        return { ok: true, key: entity, entry: entryOf(s, entity), sent: false, message: `Not sent: ${blocked.message}. The change is kept in this browser and sent once that is fixed.` };
      }
      if (now() >= until || s.store.meta.pausedUntil > now() || (head.problem && head.attempts > 0)) {
        const why = head.problem ? ` (${head.problem.message})` : '';
        return { ok: true, key: entity, entry: entryOf(s, entity), sent: false, message: `Saved in this browser; it will be sent to the project API${why}.` };
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /**
   * A new change is a moment to try again: a rejected key (401) may have been fixed since, so one
   * read of the list checks it before anything is sent.
   */
  function kick(s: Scope): void {
    if (s.store.meta.blocked?.kind === 'unauthorized') void pull(s).then(() => pump());
    else void pump();
  }

  /** Deletes an action: a local one never sent just goes; otherwise `PATCH {deleted: true}` is queued. */
  async function remove(key: string): Promise<void> {
    const s = await current();
    if (!s) throw new Error('No project is connected.');
    const entity = entityOf(s, key);
    const ops = opsOf(s, entity);
    const last = ops[ops.length - 1];
    if (last?.kind === 'delete') return;
    if (ops.length > 0 && ops.every(absorbable) && ops[0]!.kind === 'create') {
      for (const op of ops) s.store.dropOp(op.opId);
    } else if (absorbable(last) && last.kind === 'edit') {
      s.store.putOp({ ...last, kind: 'delete', changed: [], updatedAt: now() });
    } else {
      // Deleting what this browser will have sent by then: the copy after the changes before it.
      const copy = localCopy(s, entity);
      if (!copy) return;
      s.store.putOp(newOp(s, { key: entity, kind: 'delete', mine: copy, base: copy, changed: [] }));
    }
    await s.store.commit();
    deps.changed();
    kick(s);
  }

  /**
   * The user's choice on a conflict. Mine: send my copy over theirs. Theirs: drop my change.
   * Merge: their steps and mine (each step once), my name and description.
   */
  async function resolve(key: string, choice: ConflictChoice): Promise<void> {
    const s = await current();
    if (!s) throw new Error('No project is connected.');
    const entity = entityOf(s, key);
    const op = opsOf(s, entity).find((candidate) => candidate.state === 'conflict');
    if (!op) throw new Error('This action has no conflict to resolve (it may have been resolved already).');
    const theirs = op.theirs ?? null;
    if (choice === 'theirs') {
      for (const other of opsOf(s, entity)) s.store.dropOp(other.opId);
      if (theirs && !theirs.deleted && op.kind === 'create') {
        // The name is theirs now: this browser's copy becomes theirs too.
        s.store.mapId(op.key, theirs.id);
      }
    } else if (op.kind === 'delete') {
      s.store.putOp({ ...op, state: 'queued', base: theirs ? contentOf(theirs) : null, theirs: null, nextAttemptAt: now(), updatedAt: now() });
    } else {
      const mine: ActionContent = choice === 'merge' && theirs ? { ...op.mine, steps: mergeSteps(contentOf(theirs).steps, op.mine.steps) } : op.mine;
      if (!theirs || theirs.deleted) {
        // Deleted on the server: keeping mine makes it again, as a new action.
        s.store.dropOp(op.opId);
        s.store.putOp(newOp(s, { key: localKey(), kind: 'create', mine, base: null, changed: [] }));
      } else {
        if (op.kind === 'create') s.store.mapId(op.key, theirs.id);
        const base = contentOf(theirs);
        s.store.putOp({ ...op, kind: 'edit', mine, base, changed: changedFields(base, mine), state: 'queued', theirs: null, uncertain: false, attempts: 0, problem: null, nextAttemptAt: now(), updatedAt: now() });
      }
    }
    await s.store.commit();
    deps.changed();
    void pump();
  }

  /** Sends again what failed, and lifts a block: the user says the cause is fixed. */
  async function retry(key?: string): Promise<void> {
    const s = await current();
    if (!s) return;
    for (const op of s.store.ops.values()) {
      if (key !== undefined && entityOf(s, op.key) !== entityOf(s, key)) continue;
      if (op.state === 'failed' || op.state === 'queued') s.store.putOp({ ...op, state: 'queued', nextAttemptAt: now(), updatedAt: now() });
    }
    if (key === undefined) s.store.setMeta({ blocked: null });
    await s.store.commit();
    deps.changed();
    await pull(s);
    void pump();
  }

  /** Drops a change the server refused; the action shows the server's copy again. */
  async function discard(key: string): Promise<void> {
    const s = await current();
    if (!s) return;
    for (const op of opsOf(s, entityOf(s, key))) if (op.state === 'failed' && !running.has(op.opId)) s.store.dropOp(op.opId);
    await s.store.commit();
    deps.changed();
    void pump();
  }

  /** Periodic and on-start work: read the list when it is older than `maxAgeMs`, send what is due. */
  async function tick({ pullNow = false, maxAgeMs = PULL_TTL_MS } = {}): Promise<void> {
    const s = await current();
    if (!s) return;
    if (pullNow || now() - (s.store.meta.pulledAt ?? 0) > maxAgeMs) {
      if (s.store.meta.blocked?.kind === 'forbidden') s.store.setMeta({ blocked: null });
      await pull(s);
    }
    await pump();
  }

  /** The summary alone: cheap to ask often (no list is built). */
  async function status(): Promise<SyncSummary | null> {
    const s = await current();
    return s ? summarize(s.store, now(), running.size) : null;
  }

  function entryOf(s: Scope, entity: string): ActionEntry | null {
    return buildEntries(s.store, (k) => entityOf(s, k), entity)[0] ?? null;
  }

  /** The entry of one action as the views see it, e.g. for the builder after a save. */
  async function entry(key: string): Promise<ActionEntry | null> {
    const s = await current();
    return s ? entryOf(s, entityOf(s, key)) : null;
  }

  /** Stops sending (tests: a worker the browser stopped); what is stored stays for the next engine. */
  function dispose(): void {
    disposed = true;
    if (timer) clearTimeout(timer);
    timer = null;
  }

  return { list, status, save, remove, resolve, retry, discard, tick, pump, entry, current, dispose };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
