import { useState, type FormEvent } from 'react';
import { sitePatternFor } from '../../site-access/sitePattern';
import { enableSiteFromClick } from '../enableSite';

type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; text: string } | null;

/**
 * A typed address as the site pattern Actionlens enables (`https://shop.example.com/*`). People
 * type hosts without a scheme: https is assumed then. Null for what is not a web address.
 */
export function sitePatternFromInput(input: string): string | null {
  const trimmed = input.trim();
  if (!trimmed || /\s/.test(trimmed)) return null;
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  // `mailto:…`, `about:…`: a scheme without `//` (`localhost:8020` is a host and a port).
  if (!hasScheme && /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(trimmed)) return null;
  const withScheme = hasScheme ? trimmed : `https://${trimmed}`;
  const pattern = sitePatternFor(withScheme);
  if (!pattern) return null;
  const url = new URL(withScheme);
  if (url.username || url.password) return null;
  // A single-label host ("shop") is almost always a typo, except localhost.
  return url.hostname.includes('.') || url.hostname === 'localhost' || url.hostname.startsWith('[') ? pattern : null;
}

/**
 * Step 1 of the welcome page done there: the browser asks for that one site (inside the submit's
 * user gesture), then the background registers the capture scripts, as *Enable on this site* in
 * the popup does (`enableSiteFromClick`).
 */
export function EnableSiteForm() {
  const [address, setAddress] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const pattern = sitePatternFromInput(address);
    if (!pattern) {
      setOutcome({ kind: 'error', text: `“${address.trim()}” is not a website address. Type one like https://shop.example.com.` });
      return;
    }
    setBusy(true);
    setOutcome(null);
    enableSiteFromClick(pattern)
      .then((result) => {
        if (result.kind === 'denied') setOutcome({ kind: 'error', text: `Access to ${pattern} was not granted, so Actionlens cannot watch it.` });
        else if (result.kind === 'refused') setOutcome({ kind: 'error', text: result.reason ?? `Could not enable ${pattern}.` });
        else setOutcome({ kind: 'ok', text: `Enabled on ${pattern}. Open or reload a page there, then click the Actionlens icon to see its events.` });
      })
      .catch((error: unknown) => setOutcome({ kind: 'error', text: error instanceof Error ? error.message : String(error) }))
      .finally(() => setBusy(false));
  };

  return (
    <form className="enable-site" onSubmit={submit} data-testid="onboarding-enable">
      <label htmlFor="enable-address">Or enable a site here:</label>
      <div className="row">
        <input
          id="enable-address"
          type="text"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          placeholder="https://shop.example.com"
          value={address}
          onChange={(event) => setAddress(event.target.value)}
          aria-describedby="enable-outcome"
        />
        <button type="submit" className="primary" disabled={busy || address.trim() === ''}>
          Enable
        </button>
      </div>
      <p id="enable-outcome" role="status" className={outcome ? `notice ${outcome.kind}` : 'sr-only'} data-testid="onboarding-enable-outcome">
        {outcome?.text ?? ''}
      </p>
    </form>
  );
}
