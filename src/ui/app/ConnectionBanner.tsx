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
      <section className="notice" data-testid="connect-prompt" aria-label="Connect a project">
        <strong>Connect a project</strong>
        <p className="muted" style={{ margin: '4px 0 8px' }}>
          Live events work without one. To build and sync actions, connect PostHog Cloud, your self-hosted PostHog,
          or the bundled local project API.
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
