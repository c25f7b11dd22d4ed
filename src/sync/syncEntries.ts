import type { Action } from '../core/actions/schema';
import { type ActionContent, nameOf } from './actionContent';
import type { ScopeStore } from './scopeStore';
import type { OutboxOp } from './syncState';
import type { ActionEntry, EntryStatus, SyncSummary } from './syncView';

/** What an action shows: the server's fields, with the local change's name, description and steps. */
function shown(server: Action | undefined, mine: ActionContent | null, id: number | null): ActionEntry['action'] {
  if (!mine) return { ...server!, id };
  return { ...(server ?? {}), id, name: mine.name, description: mine.description, steps: mine.steps };
}

function statusOf(ops: readonly OutboxOp[]): EntryStatus {
  const conflicting = ops.find((op) => op.state === 'conflict');
  if (conflicting) {
    return { state: 'conflict', op: conflicting.kind, mine: conflicting.mine, theirs: conflicting.theirs ?? null, base: conflicting.base };
  }
  const failing = ops.find((op) => op.state === 'failed');
  if (failing?.problem) return { state: 'failed', op: failing.kind, problem: failing.problem };
  const head = ops[0]!;
  const last = ops[ops.length - 1]!;
  return {
    state: 'pending',
    op: head.kind === 'create' ? 'create' : last.kind,
    attempts: head.attempts,
    retryAt: head.problem ? head.nextAttemptAt : null,
    problem: head.problem,
  };
}

/**
 * Every action as this browser sees it: those only created here first (newest first), then the
 * server's in its order (newest id first), each with the local change that waits for it.
 */
export function buildEntries(store: ScopeStore, entityOf: (key: string) => string, only?: string): ActionEntry[] {
  const byEntity = new Map<string, OutboxOp[]>();
  for (const op of store.orderedOps()) {
    const entity = entityOf(op.key);
    if (only !== undefined && entity !== only) continue;
    const list = byEntity.get(entity);
    if (list) list.push(op);
    else byEntity.set(entity, [op]);
  }
  const entries: ActionEntry[] = [];
  // A create whose answer was lost may already be in the list read since: show it once.
  const uncertainNames = new Set<string>();
  for (const [entity, ops] of byEntity) {
    if (!entity.startsWith('local:')) continue;
    const last = ops[ops.length - 1]!;
    if (ops[0]!.uncertain) uncertainNames.add(ops[0]!.mine.name);
    entries.push({ key: entity, id: null, action: shown(undefined, last.mine, null), status: statusOf(ops) });
  }
  entries.reverse();
  const onlyId = only?.startsWith('id:') ? Number(only.slice(3)) : null;
  const ids = new Set<number>(only === undefined ? store.server.keys() : onlyId !== null && store.server.has(onlyId) ? [onlyId] : []);
  for (const entity of byEntity.keys()) if (entity.startsWith('id:')) ids.add(Number(entity.slice(3)));
  for (const id of [...ids].sort((a, b) => b - a)) {
    const server = store.server.get(id);
    const ops = byEntity.get(`id:${id}`);
    if (!ops) {
      if (server && !uncertainNames.has(nameOf(server))) entries.push({ key: `id:${id}`, id, action: shown(server, null, id), status: { state: 'synced' } });
      continue;
    }
    const last = ops[ops.length - 1]!;
    entries.push({ key: `id:${id}`, id, action: shown(server, last.mine, id), status: statusOf(ops) });
  }
  return entries;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function summarize(store: ScopeStore, now: number, sending: number): SyncSummary {
  const meta = store.meta;
  const ops = [...store.ops.values()];
  const entitiesWith = (state: OutboxOp['state']) => new Set(ops.filter((op) => op.state === state).map((op) => op.key)).size;
  const pending = entitiesWith('queued');
  const failed = entitiesWith('failed');
  const conflicts = entitiesWith('conflict');
  const retryAt = store.nextDueAt();
  const base = { pending, failed, conflicts, lastSyncAt: meta.lastSyncAt, pulledAt: meta.pulledAt, retryAt, problem: meta.blocked ?? meta.lastProblem };
  const waiting = pending > 0 ? `${plural(pending, 'change')} saved in this browser` : '';

  if (meta.blocked) {
    return { ...base, state: 'blocked', message: `${meta.blocked.message}${waiting ? ` — ${waiting}` : ''}` };
  }
  if (meta.pausedUntil > now) {
    const seconds = Math.max(1, Math.ceil((meta.pausedUntil - now) / 1000));
    return { ...base, state: 'rate-limited', retryAt: meta.pausedUntil, message: `Rate limited, retrying in ${seconds} s` };
  }
  const kind = meta.lastProblem?.kind;
  if (kind === 'unreachable' || kind === 'timeout') {
    return { ...base, state: 'offline', message: waiting ? `Offline — ${waiting}, sent when the project API is back` : 'Offline — showing the actions as last read' };
  }
  if (conflicts > 0 || failed > 0) {
    const parts = [conflicts > 0 ? `${plural(conflicts, 'conflict')} to resolve` : '', failed > 0 ? `${plural(failed, 'change')} refused by the server` : ''];
    return { ...base, state: 'attention', message: parts.filter(Boolean).join(', ') };
  }
  if (pending > 0 || sending > 0) {
    const retry = retryAt !== null && retryAt > now && meta.lastProblem ? ` — ${meta.lastProblem.message}, retrying in ${Math.max(1, Math.ceil((retryAt - now) / 1000))} s` : '';
    return { ...base, state: 'syncing', message: `Sending ${plural(Math.max(pending, 1), 'change')}…${retry}` };
  }
  return { ...base, state: 'synced', message: 'Synced' };
}
