import { useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { sendMessage } from '../../messaging/sendMessage';
import { leavePopup } from '../app/leavePopup';
import { useActionsStore } from '../stores/actionsStore';
import { useConnectionStore } from '../stores/connectionStore';
import { useEventsStore } from '../stores/eventsStore';
import { clockTime } from '../sync/syncIndicatorText';
import { useNow } from '../useNow';
import { ActionRow, type RowCommands } from './ActionRow';
import { actionListRows, nextTick, rowCounts } from './actionListRows';
import { stepsSummary } from './stepsSummary';
import './actions.css';

const events = (count: number) => `${count} ${count === 1 ? 'event' : 'events'} in this tab`;

/**
 * The project's actions as this browser sees them: what each one counts (its steps on one line),
 * how many of this tab's events it matches, where it stands with the server (saved, waiting,
 * refused, in conflict), and what can be done with it: edit in the page's builder, rename, delete,
 * send a refused change again or drop it, resolve a conflict.
 */
export function ActionsView({ surface }: { surface: 'popup' | 'sidepanel' }) {
  const tabId = useEventsStore((state) => state.tabId);
  const tabEvents = useEventsStore((state) => state.events);
  const { status, error, entries, sync, fetchedAt, refreshing, matcher, draft, draftMatcher, load, save, remove, resolve, retry, discard } = useActionsStore();
  const connection = useConnectionStore((state) => state.connection);
  const connectionLoaded = useConnectionStore((state) => state.loaded);
  const [notice, setNotice] = useState<{ message: string; tone: 'ok' | 'warn' | 'error' } | null>(null);
  const now = useNow(entries ? nextTick(entries, sync, Date.now()) !== null : false);

  /** A new command: what the last one said is old news. */
  const fresh =
    <A extends unknown[], R>(command: (...args: A) => R) =>
    (...args: A): R => {
      setNotice(null);
      return command(...args);
    };
  const commands: RowCommands = useMemo(
    () => ({
      async edit(key) {
        if (tabId == null) return;
        setNotice(null);
        try {
          const { open } = await sendMessage('actions.edit', { tabId, key });
          if (open) leavePopup(surface);
        } catch (caught) {
          setNotice({ message: caught instanceof Error ? caught.message : String(caught), tone: 'error' });
        }
      },
      save: fresh(save),
      remove: fresh(remove),
      resolve: fresh(resolve),
      retry: fresh(retry),
      discard: fresh(discard),
      report: (message, tone) => setNotice({ message, tone }),
    }),
    [tabId, surface, save, remove, resolve, retry, discard],
  );

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

  const rows = entries && matcher ? actionListRows(entries, matcher.counts(tabEvents), sync, now) : null;
  const draftCount = draftMatcher ? draftMatcher.counts(tabEvents)[0]! : 0;
  const draftOf = draft?.key ? rows?.find((row) => row.key === draft.key) : undefined;
  return (
    <section className="actions-view" aria-label="The project’s actions">
      <div className="row">
        <span className="muted" data-testid="actions-summary" aria-live="polite">
          {rows ? `${rowCounts(rows)}${fetchedAt ? ` · list read ${clockTime(fetchedAt, now)}` : ''}` : ''}
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => void load({ refresh: true })} disabled={refreshing} data-testid="actions-refresh" title="Read the project’s list from the server again">
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {status === 'error' && (
        <div className="notice error row" role="alert" data-testid="actions-error">
          <span>Could not read the project’s actions: {error}</span>
        </div>
      )}
      {notice && (
        <p
          className={`notice action-notice ${notice.tone}`}
          role={notice.tone === 'error' ? 'alert' : 'status'}
          data-testid="action-notice"
          data-tone={notice.tone}
        >
          {notice.message}
          <button type="button" className="small dismiss" onClick={() => setNotice(null)} aria-label="Dismiss">
            ×
          </button>
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
                  <span data-testid="action-match-count">{events(draftCount)}</span> · {draftOf ? `changes to “${draftOf.name}” being made in the page` : 'being built in the page'}
                </span>
              </div>
            </li>
          )}
          {rows?.map((row) => <ActionRow key={row.key} row={row} canEdit={tabId != null} commands={commands} />)}
        </ul>
      )}
    </section>
  );
}
