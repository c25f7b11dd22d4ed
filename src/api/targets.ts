import type { ConnectionTarget } from '../messaging/protocol';

/** Where each kind of project API lives; self-hosted and local take the user's URL. */
export const TARGETS: Record<ConnectionTarget, { label: string; host: string | null; hint: string }> = {
  us: { label: 'PostHog Cloud (US)', host: 'https://us.posthog.com', hint: 'us.posthog.com' },
  eu: { label: 'PostHog Cloud (EU)', host: 'https://eu.posthog.com', hint: 'eu.posthog.com' },
  'self-hosted': { label: 'Self-hosted PostHog', host: null, hint: 'Your instance, e.g. https://posthog.example.com' },
  local: { label: 'Local project API (bundled)', host: 'http://127.0.0.1:8010', hint: 'Started by npm start or npm run api' },
};

/** The origin's host-permission pattern, e.g. `https://us.posthog.com/*`. */
export function hostPattern(host: string): string {
  const url = new URL(host);
  return `${url.protocol}//${url.hostname}/*`;
}

/** Cloud targets always use their own host, whatever the form says. */
export function resolveHost(target: ConnectionTarget, host: string): string {
  return (TARGETS[target].host && target !== 'local' ? TARGETS[target].host! : host).replace(/\/+$/, '');
}
