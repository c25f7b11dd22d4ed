// The "full, no-external" build inlines every extension posthog-js would otherwise lazy-load from
// its asset host (dead clicks, web vitals, exception autocapture, replay, surveys) and installs no
// external script loader, so the demo works offline and loads no remote code.
import posthog from 'posthog-js/full/no-external';
import type { DemoConfig } from './demoConfig';
import { userIdForEmail } from './userId';

declare global {
  interface Window {
    /** Exposed for e2e tests and for poking at the SDK from the devtools console. */
    posthog: typeof posthog;
  }
}

export interface UserProfile {
  email: string;
  name: string;
  plan: string;
  company?: string;
}

export interface Workspace {
  id: string;
  name: string;
  plan: string;
}

export function initAnalytics(config: DemoConfig): void {
  posthog.init(config.projectToken, {
    api_host: config.apiHost,
    // posthog-js drops every event from user agents on its bot list, and "HeadlessChrome" is on it.
    opt_out_useragent_filter: true,
    autocapture: true,
    rageclick: true,
    capture_dead_clicks: true,
    // The initial pageview plus one per pathname change through history.pushState/popstate.
    capture_pageview: 'history_change',
    persistence: 'localStorage+cookie',
    // The SDK default, and what most sites run: anonymous visitors send events with
    // `$process_person_profile: false` until identify/alias/group creates the person, which is the
    // anonymous → identified transition Actionlens' identity timeline has to get right.
    person_profiles: 'identified_only',
  });
  window.posthog = posthog;
  // Also follow identity changes made outside this module, e.g. `posthog.identify()` typed into the
  // devtools console: every such call sends an event. (reset() sends none; resetUser refreshes.)
  posthog.on('eventCaptured', refreshIdentity);
  refreshIdentity();
}

export function identifyUser(user: UserProfile): void {
  posthog.identify(
    userIdForEmail(user.email),
    { email: user.email, name: user.name, plan: user.plan, ...(user.company ? { company: user.company } : {}) },
    { first_login_at: new Date().toISOString() },
  );
  refreshIdentity();
}

export function resetUser(): void {
  posthog.reset();
  refreshIdentity();
}

export function selectWorkspace(workspace: Workspace): void {
  posthog.group('company', workspace.id, { name: workspace.name, plan: workspace.plan });
  refreshIdentity();
}

/** Links an id from another system (here: the help desk) to the current person. */
export function linkAccount(externalId: string): void {
  posthog.alias(externalId);
  refreshIdentity();
}

export interface IdentitySnapshot {
  distinctId: string;
  userState: 'anonymous' | 'identified';
  sessionId: string;
  company: string | undefined;
}

let snapshot: IdentitySnapshot | undefined;
const listeners = new Set<() => void>();

function readIdentity(): IdentitySnapshot {
  const company: unknown = posthog.getGroups()['company'];
  return {
    distinctId: posthog.get_distinct_id(),
    userState: posthog.get_property('$user_state') === 'identified' ? 'identified' : 'anonymous',
    sessionId: posthog.get_session_id(),
    company: typeof company === 'string' ? company : undefined,
  };
}

function refreshIdentity(): void {
  const next = readIdentity();
  if (
    snapshot &&
    snapshot.distinctId === next.distinctId &&
    snapshot.userState === next.userState &&
    snapshot.sessionId === next.sessionId &&
    snapshot.company === next.company
  ) {
    return;
  }
  snapshot = next;
  for (const listener of listeners) listener();
}

export function subscribeIdentity(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getIdentity(): IdentitySnapshot {
  snapshot ??= readIdentity();
  return snapshot;
}
