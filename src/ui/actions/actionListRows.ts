import type { Action } from '../../core/actions/schema';
import { stepsSummary } from './stepsSummary';

/**
 * Where an action stands between this browser and the project API. The list comes from the server,
 * so every action in it is saved there; the sync issue's outbox adds `pending`, `failed` and
 * `conflict` for local edits not yet (or not cleanly) acknowledged.
 */
export type SyncState = 'saved';

export const SYNC_LABELS: Record<SyncState, string> = {
  saved: 'saved on server',
};

export interface ActionListRow {
  action: Action;
  name: string;
  summary: string;
  /** Events of this tab the action matches. */
  matches: number;
  sync: SyncState;
}

/** The Actions view's rows, in the server's order; `counts` by position, as `ActionMatcher.counts` gives them. */
export function actionListRows(actions: readonly Action[], counts: readonly number[]): ActionListRow[] {
  return actions.map((action, index) => ({
    action,
    name: action.name?.trim() || `Action ${action.id}`,
    summary: stepsSummary(action.steps),
    matches: counts[index] ?? 0,
    sync: 'saved',
  }));
}
