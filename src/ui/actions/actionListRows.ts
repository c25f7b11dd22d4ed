import type { ActionWrite } from '../../core/actions/schema';
import type { ActionEntry, EntryStatus, OpKind, SyncSummary } from '../../sync/syncView';
import type { EntryAction } from '../stores/actionsStore';
import { actionName } from './actionName';
import { stepsSummary } from './stepsSummary';

/**
 * The Actions view's rows: each action with its steps on one line, how many of this tab's events it
 * matches, and where it stands between this browser and the project API, in words.
 */

export type SyncState = EntryStatus['state'];

export interface ActionListRow {
  key: string;
  id: number | null;
  action: EntryAction;
  status: EntryStatus;
  name: string;
  summary: string;
  /** Events of this tab the action matches. */
  matches: number;
  sync: SyncState;
  /** The status chip: `saved on server`, `sending…`, `waiting`, `refused`, `conflict`. */
  label: string;
  /** Why, and what happens next; empty when the label says it all. */
  detail: string;
  /** A delete waits to be sent: the row stays, struck through, until the server has it. */
  deleting: boolean;
}

const seconds = (ms: number) => `${Math.max(1, Math.ceil(ms / 1000))} s`;

const REFUSED: Record<OpKind, string> = { create: 'not created', edit: 'change refused', delete: 'delete refused' };

/**
 * A status in words. The project's summary says what holds every change back (blocked, paused,
 * offline); the entry's own problem says why its last attempt failed and when the next one is.
 */
export function statusText(status: EntryStatus, sync: SyncSummary | null, now: number): { label: string; detail: string } {
  switch (status.state) {
    case 'synced':
      return { label: 'saved on server', detail: '' };
    case 'failed':
      return { label: REFUSED[status.op], detail: status.problem.message };
    case 'conflict':
      if (!status.theirs || status.theirs.deleted) return { label: 'conflict', detail: status.op === 'delete' ? 'already deleted on the server' : 'deleted on the server' };
      if (status.op === 'delete') return { label: 'conflict', detail: 'changed on the server since you deleted it' };
      if (status.op === 'create') return { label: 'conflict', detail: 'the server has an action with this name' };
      return { label: 'conflict', detail: 'changed on the server too' };
    case 'pending': {
      const sending = status.op === 'delete' ? 'deleting…' : 'sending…';
      if (sync?.state === 'blocked') return { label: 'waiting', detail: sync.problem?.message ?? sync.message };
      if (sync?.state === 'rate-limited' && sync.retryAt !== null && sync.retryAt > now) {
        return { label: 'waiting', detail: `rate limited, retrying in ${seconds(sync.retryAt - now)}` };
      }
      if (status.problem) {
        if (status.retryAt !== null && status.retryAt > now) return { label: 'waiting', detail: `retrying in ${seconds(status.retryAt - now)}: ${status.problem.message}` };
        return { label: status.op === 'delete' ? 'deleting again…' : 'sending again…', detail: `last try: ${status.problem.message}` };
      }
      if (sync?.state === 'offline') return { label: 'waiting', detail: 'saved in this browser, sent when the project API is back' };
      return { label: sending, detail: '' };
    }
  }
}

/** The one line the status reads as (the row's `action-sync` text). */
export const statusLine = ({ label, detail }: { label: string; detail: string }) => (detail ? `${label} — ${detail}` : label);

/** The rows in the background's order; `counts` by position, as `ActionMatcher.counts` gives them. */
export function actionListRows(entries: readonly ActionEntry[], counts: readonly number[], sync: SyncSummary | null, now: number): ActionListRow[] {
  return entries.map((entry, index) => ({
    key: entry.key,
    id: entry.id,
    action: entry.action,
    status: entry.status,
    name: actionName(entry.action),
    summary: stepsSummary(entry.action.steps),
    matches: counts[index] ?? 0,
    sync: entry.status.state,
    ...statusText(entry.status, sync, now),
    deleting: entry.status.state === 'pending' && entry.status.op === 'delete',
  }));
}

/** The soonest future moment a row's text changes by itself (a countdown), or null: the view ticks only then. */
export function nextTick(entries: readonly ActionEntry[], sync: SyncSummary | null, now: number): number | null {
  const times = entries.flatMap((entry) => (entry.status.state === 'pending' && entry.status.retryAt !== null ? [entry.status.retryAt] : []));
  if (sync?.retryAt != null) times.push(sync.retryAt);
  const future = times.filter((at) => at > now);
  return future.length > 0 ? Math.min(...future) : null;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** `3 actions · 1 waiting · 1 refused · 1 conflict`: the list's head line. */
export function rowCounts(rows: readonly ActionListRow[]): string {
  const waiting = rows.filter((row) => row.sync === 'pending').length;
  const refused = rows.filter((row) => row.sync === 'failed').length;
  const conflicts = rows.filter((row) => row.sync === 'conflict').length;
  return [plural(rows.length, 'action'), waiting && `${waiting} waiting`, refused && `${refused} refused`, conflicts && plural(conflicts, 'conflict')].filter(Boolean).join(' · ');
}

/**
 * The body of a rename: the action as this browser shows it (the change waiting to be sent, if any)
 * with the new name. Only name, description and steps are ever sent (see src/sync/actionContent.ts).
 */
export function renamedAction(action: EntryAction, name: string): ActionWrite {
  return { name: name.trim(), description: action.description ?? '', steps: action.steps ?? [] };
}
