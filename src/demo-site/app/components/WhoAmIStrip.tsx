import { useSyncExternalStore } from 'react';
import { getIdentity, subscribeIdentity } from '../analytics';

/**
 * What posthog-js currently thinks of the visitor, always on screen (a sticky top bar) for QA screenshots.
 * Marked ph-no-capture: it is debugging chrome, not part of the product being analysed.
 */
export function WhoAmIStrip() {
  const identity = useSyncExternalStore(subscribeIdentity, getIdentity);
  return (
    <aside className="whoami ph-no-capture" aria-label="Analytics identity" data-testid="whoami">
      <span className="whoami-label">posthog</span>
      <span>
        distinct_id <code data-testid="whoami-distinct-id">{identity.distinctId}</code>
      </span>
      <span className={`whoami-state whoami-state--${identity.userState}`} data-testid="whoami-state">
        {identity.userState}
      </span>
      <span>
        company <code data-testid="whoami-company">{identity.company ?? '—'}</code>
      </span>
      <span className="whoami-session">
        session <code>{identity.sessionId}</code>
      </span>
    </aside>
  );
}
