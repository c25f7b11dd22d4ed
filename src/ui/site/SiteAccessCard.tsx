import { useSiteStore } from '../stores/siteStore';

/** Whether Actionlens captures on this tab's site, and the one click that changes it. */
export function SiteAccessCard() {
  const { status, busy, error, enable, disable, reloadTab } = useSiteStore();
  if (!status) return <div className="notice muted">Checking this tab…</div>;
  if (!status.pattern) {
    return (
      <div className="notice" data-testid="site-unsupported">
        {status.url
          ? 'Actionlens works on http and https pages; this page is not one.'
          : 'Open Actionlens from the toolbar on the page you want to inspect.'}
      </div>
    );
  }
  return (
    <section className="notice" data-testid="site-access" aria-label="Site access">
      <div className="row">
        <strong className="mono">{status.hostname}</strong>
        <span className={`badge ${status.enabled ? 'on' : 'off'}`} data-testid="site-state">
          {status.enabled ? 'capturing' : 'off'}
        </span>
        <span className="spacer" />
        {status.enabled ? (
          <button type="button" onClick={() => void disable()} disabled={busy}>
            Disable
          </button>
        ) : (
          <button type="button" className="primary" onClick={enable} disabled={busy} data-testid="enable-site">
            Enable on this site
          </button>
        )}
      </div>
      {!status.enabled && (
        <p className="muted" style={{ margin: '6px 0 0' }}>
          Actionlens reads the analytics requests this site sends. It asks for access to {status.hostname} only.
        </p>
      )}
      {status.enabled && status.needsReload && (
        <div className="row notice warn" data-testid="needs-reload">
          <span>Reload the page to start capturing: the SDK was loaded before Actionlens.</span>
          <span className="spacer" />
          <button type="button" onClick={() => void reloadTab()}>
            Reload tab
          </button>
        </div>
      )}
      {error && (
        <div className="notice error" role="alert">
          {error}
        </div>
      )}
    </section>
  );
}
