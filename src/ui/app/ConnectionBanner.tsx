import { browser } from 'wxt/browser';
import { TARGETS } from '../../api/targets';
import { useActionsStore } from '../stores/actionsStore';
import { useConnectionStore } from '../stores/connectionStore';
import { SyncIndicator } from '../sync/SyncIndicator';

/** First run: a prompt to connect a project API. Afterwards: which project this is, and where its sync stands. */
export function ConnectionBanner({ onOpenActions }: { onOpenActions: () => void }) {
  const { connection, loaded, error } = useConnectionStore();
  // Once sync has a state, its chip says whether the connection works: the test's badge would repeat it.
  const syncKnown = useActionsStore((state) => state.status === 'ok');
  const openOptions = () => void browser.runtime.openOptionsPage();
  if (!loaded) return null;
  if (error) return <div className="notice error">{error}</div>;
  if (!connection) {
    return (
      <section className="notice connect-prompt" data-testid="connect-prompt" aria-label="Connect a project">
        <p>
          <strong>Connect a project</strong> to build and sync actions. <span className="muted">Live events work without one.</span>
        </p>
        <button type="button" className="primary" onClick={openOptions}>
          Connect…
        </button>
      </section>
    );
  }
  return (
    <div className="row connection-line" data-testid="connection-summary">
      <SyncIndicator
        projectName={connection.projectName ?? `Project ${connection.projectId}`}
        projectTitle={`${TARGETS[connection.target].label}: ${connection.host}`}
        onOpen={onOpenActions}
      />
      <span className="row connection-tools">
        {!(syncKnown && connection.verifiedAt) && <span className={`badge ${connection.verifiedAt ? 'on' : 'off'}`}>{connection.verifiedAt ? 'connected' : 'not verified'}</span>}
        <button type="button" className="small" onClick={openOptions}>
          Settings
        </button>
      </span>
    </div>
  );
}
