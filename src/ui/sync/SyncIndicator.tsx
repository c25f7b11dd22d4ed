import { useState } from 'react';
import { useActionsStore } from '../stores/actionsStore';
import { useNow } from '../useNow';
import { INDICATOR, type IndicatorState, lastSyncedText, liveMessage, offersRetry } from './syncIndicatorText';
import './sync.css';

/**
 * Where action sync stands, in every view's header: a chip with the state in a word (a click shows
 * the Actions view), the project and when it last agreed with the server; under them the
 * background's one-line message in full, and Retry where the user may have fixed the cause (a key,
 * the network, a refused change).
 *
 * The message's countdown ("retrying in 12 s") ticks on screen only: screen readers hear the
 * message as the background wrote it, once per change, not every second.
 */
export function SyncIndicator({ projectName, projectTitle, onOpen }: { projectName: string; projectTitle: string; onOpen: () => void }) {
  const status = useActionsStore((state) => state.status);
  const sync = useActionsStore((state) => state.sync);
  const error = useActionsStore((state) => state.error);
  const retry = useActionsStore((state) => state.retry);
  const [retrying, setRetrying] = useState(false);
  const now = useNow(sync !== null && sync.retryAt !== null && sync.retryAt > Date.now());

  // Before the first answer, and when no project is connected, there is nothing to say yet.
  if (status === null || status === 'not-connected' || (status === 'ok' && !sync)) {
    return (
      <div className="sync-indicator" data-testid="sync-indicator" data-state="unknown">
        <span className="sync-project" title={projectTitle}>
          {projectName}
        </span>
      </div>
    );
  }
  // `error`: the last read failed outright (nothing read yet, or no answer): any earlier summary is stale.
  const state: IndicatorState = status === 'error' || !sync ? 'error' : sync.state;
  const message = state === 'error' ? `Could not read the actions: ${error ?? 'no answer'}` : liveMessage(sync!, now);
  const spoken = state === 'error' ? message : sync!.message;
  const { icon, word } = INDICATOR[state];

  const onRetry = async () => {
    setRetrying(true);
    try {
      await retry();
    } finally {
      setRetrying(false);
    }
  };

  const detail = message !== word;
  const retryButton = offersRetry(state, sync) && (
    <button type="button" className="small" onClick={() => void onRetry()} disabled={retrying} data-testid="sync-retry" aria-label="Retry syncing now">
      {retrying ? 'Retrying…' : 'Retry'}
    </button>
  );
  return (
    <div className="sync-indicator" role="status" data-testid="sync-indicator" data-state={state}>
      <div className="sync-line">
        <button type="button" className={`sync-chip ${state}`} onClick={onOpen} title="Show the actions" data-testid="sync-chip">
          <span className="sync-icon" aria-hidden="true">
            {icon}
          </span>
          {word}
          <span className="sr-only">: show the actions</span>
        </button>
        <span className="sync-meta muted">
          <span className="sync-project" title={projectTitle}>
            {projectName}
          </span>
          {sync && state !== 'error' && <span data-testid="sync-last"> · {lastSyncedText(sync, now)}</span>}
        </span>
        {!detail && retryButton}
      </div>
      {detail && (
        <div className={`sync-detail ${state}`}>
          <span aria-hidden="true" data-testid="sync-message">
            {message}
          </span>
          <span className="sr-only">{spoken}</span>
          {retryButton}
        </div>
      )}
    </div>
  );
}
