import type { EntryAction } from '../stores/actionsStore';
import { actionName } from './actionName';
import './actions.css';

/** Tags drawn in a row before the rest are summed up as `+N`: a row is one line of 30 px. */
const MAX_TAGS = 2;

const NO_ACTIONS: readonly EntryAction[] = [];

/** The actions an event matches, as small tags in its row; `draft` when the tab's draft matches it too. */
export function ActionTags({ actions = NO_ACTIONS, draft }: { actions?: readonly EntryAction[]; draft: boolean }) {
  if (actions.length === 0 && !draft) return null;
  const names = actions.map(actionName);
  const hidden = names.length - MAX_TAGS;
  return (
    <span className="action-tags" title={`Matches ${[...(draft ? ['the draft'] : []), ...names].join(', ')}`}>
      {draft && (
        <span className="action-tag draft" data-testid="event-draft-tag">
          draft
        </span>
      )}
      {names.slice(0, MAX_TAGS).map((name, index) => (
        <span key={index} className="action-tag" data-testid="event-action-tag">
          {name}
        </span>
      ))}
      {hidden > 0 && <span className="action-tag more">+{hidden}</span>}
    </span>
  );
}
