import { browser } from 'wxt/browser';
import { TARGETS } from '../../api/targets';
import { useConnectionStore } from '../stores/connectionStore';

/** First run: a prompt to connect a project API. Afterwards: which project this is. */
export function ConnectionBanner() {
  const { connection, loaded, error } = useConnectionStore();
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
    <div className="row muted" data-testid="connection-summary">
      <span>
        {connection.projectName ?? `Project ${connection.projectId}`} · {TARGETS[connection.target].label}
      </span>
      <span className={`badge ${connection.verifiedAt ? 'on' : 'off'}`}>{connection.verifiedAt ? 'connected' : 'not verified'}</span>
      <span className="spacer" />
      <button type="button" onClick={openOptions}>
        Settings
      </button>
    </div>
  );
}
