import { useState } from 'react';
import { browser } from 'wxt/browser';
import { sendMessage } from '../../messaging/sendMessage';
import { leavePopup } from '../app/leavePopup';
import { formatTime } from '../events/format';
import { useActionsStore } from '../stores/actionsStore';
import { useConnectionStore } from '../stores/connectionStore';
import { useEventsStore } from '../stores/eventsStore';
import { actionListRows, SYNC_LABELS } from './actionListRows';
import { stepsSummary } from './stepsSummary';
import './actions.css';

const events = (count: number) => `${count} ${count === 1 ? 'event' : 'events'} in this tab`;

/**
 * The project's actions: what each one counts (its steps on one line), how many of this tab's
 * events it matches, whether it is saved on the server, and a way to edit it in the page's builder.
 */
export function ActionsView({ surface }: { surface: 'popup' | 'sidepanel' }) {
  const tabId = useEventsStore((state) => state.tabId);
  const tabEvents = useEventsStore((state) => state.events);
  const { status, error, actions, fetchedAt, loading, matcher, draft, draftMatcher, load } = useActionsStore();
  const connection = useConnectionStore((state) => state.connection);
  const connectionLoaded = useConnectionStore((state) => state.loaded);
  const [editError, setEditError] = useState<string | null>(null);

  const edit = async (actionId: number) => {
    if (tabId == null) return;
    setEditError(null);
    try {
      const { open } = await sendMessage('actions.edit', { tabId, actionId });
      if (open) leavePopup(surface);
    } catch (caught) {
      setEditError(caught instanceof Error ? caught.message : String(caught));
    }
  };

  if (status === 'not-connected' || (connectionLoaded && !connection && status !== 'ok')) {
    return (
      <section className="notice connect-prompt" data-testid="actions-not-connected" aria-label="Connect a project">
        <p>
          <strong>Connect a project</strong> to list its actions, see which of this tab’s events they match, and edit them in the page.
        </p>
        <button type="button" className="primary" onClick={() => void browser.runtime.openOptionsPage()}>
          Connect…
        </button>
      </section>
    );
  }

  const rows = actions && matcher ? actionListRows(actions, matcher.counts(tabEvents)) : null;
  const draftCount = draftMatcher ? draftMatcher.counts(tabEvents)[0]! : 0;
  return (
    <section className="actions-view" aria-label="The project’s actions">
      <div className="row">
        <span className="muted" data-testid="actions-summary" aria-live="polite">
          {rows ? `${rows.length} ${rows.length === 1 ? 'action' : 'actions'}${fetchedAt ? ` · fetched ${formatTime(new Date(fetchedAt).toISOString())}` : ''}` : ''}
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => void load({ refresh: true })} disabled={loading} data-testid="actions-refresh">
          {loading ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {status === 'error' && (
        <div className="notice error row" role="alert" data-testid="actions-error">
          <span>Could not read the project’s actions: {error}</span>
        </div>
      )}
      {editError && (
        <p className="notice error" role="alert" data-testid="edit-action-error">
          {editError}
        </p>
      )}
      {!rows && status !== 'error' && (
        <p className="muted empty" data-testid="actions-loading">
          Loading actions…
        </p>
      )}
      {rows?.length === 0 && !draft && (
        <p className="muted empty" data-testid="actions-empty">
          No actions yet — create one by pinning an element in the inspector.
        </p>
      )}
      {(draft || (rows && rows.length > 0)) && (
        <ul className="action-list" data-testid="action-list">
          {draft && (
            <li className="action-item draft" data-testid="draft-action-item">
              <div className="action-main">
                <strong className="action-name">Draft: {draft.action.name}</strong>
                <span className="mono muted action-steps" title={stepsSummary(draft.action.steps)}>
                  {stepsSummary(draft.action.steps)}
                </span>
                <span className="muted action-meta">
                  <span data-testid="action-match-count">{events(draftCount)}</span> · being built in the page
                </span>
              </div>
            </li>
          )}
          {rows?.map((row) => (
            <li key={row.action.id} className="action-item" data-testid="action-item" data-action-id={row.action.id}>
              <div className="action-main">
                <strong className="action-name">{row.name}</strong>
                <span className="mono muted action-steps" title={row.summary} data-testid="action-steps">
                  {row.summary}
                </span>
                <span className="muted action-meta">
                  <span data-testid="action-match-count">{events(row.matches)}</span> ·{' '}
                  <span className={`sync ${row.sync}`} data-testid="action-sync" data-sync={row.sync}>
                    {SYNC_LABELS[row.sync]}
                  </span>
                </span>
              </div>
              <button type="button" onClick={() => void edit(row.action.id)} disabled={tabId == null} data-testid={`edit-action-${row.action.id}`} aria-label={`Edit ${row.name} in page`}>
                Edit in page
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
