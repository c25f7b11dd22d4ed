import { useActionsStore } from '../stores/actionsStore';
import { useEventsStore } from '../stores/eventsStore';
import { draftBannerText } from './draftBannerText';
import './actions.css';

/**
 * While the tab's overlay builds an action: how many of the tab's events it would have matched.
 * Counted over the whole buffer (not the filtered list), once per draft and per buffer array.
 */
export function DraftBanner() {
  const draft = useActionsStore((state) => state.draft);
  const draftMatcher = useActionsStore((state) => state.draftMatcher);
  const events = useEventsStore((state) => state.events);
  if (!draft || !draftMatcher) return null;
  const matched = draftMatcher.counts(events)[0]!;
  return (
    <div className="notice draft-banner" aria-live="polite">
      <span className="action-tag draft" aria-hidden="true">
        draft
      </span>
      <span data-testid="draft-match-count" data-matched={matched}>
        {draftBannerText(draft.action.name, matched, events.length)}
      </span>
    </div>
  );
}
