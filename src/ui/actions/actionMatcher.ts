import type { MatchableEvent } from '../../core/actions/eventFacts';
import { actionMatches, type MatchableAction } from '../../core/actions/matchAction';

/**
 * Which of a list of actions each event matches, for the Events view's tags, the draft banner and
 * the Actions view's counts. One matcher per list object: a new list (a refresh that changed
 * something, a new draft) is a new matcher, and nothing of the old one is reused. Within a matcher
 * every event is matched once — the rows painted ask for theirs, the counts walk the whole buffer
 * once per buffer array — so a new event costs the actions times one, not times the buffer.
 *
 * Events and actions are matched by object, as the engine caches them: never change one in place.
 */
export interface ActionMatcher<A extends MatchableAction> {
  readonly actions: readonly A[];
  /** The actions this event matches, in list order; the same array each time it is asked. */
  matching(event: MatchableEvent): readonly A[];
  /** How many of `events` each action matches, by position in `actions`; remembered for the last array. */
  counts(events: readonly MatchableEvent[]): readonly number[];
}

const NONE: readonly never[] = [];

export function createActionMatcher<A extends MatchableAction>(actions: readonly A[]): ActionMatcher<A> {
  const position = new Map(actions.map((action, index) => [action, index]));
  const byEvent = new WeakMap<MatchableEvent, readonly A[]>();
  let last: { events: readonly MatchableEvent[]; counts: readonly number[] } | null = null;

  const matching = (event: MatchableEvent): readonly A[] => {
    let hit = byEvent.get(event);
    if (!hit) {
      const found = actions.filter((action) => actionMatches(action, event));
      hit = found.length > 0 ? found : NONE;
      byEvent.set(event, hit);
    }
    return hit;
  };

  return {
    actions,
    matching,
    counts(events) {
      if (last?.events === events) return last.counts;
      const counts = new Array<number>(actions.length).fill(0);
      if (actions.length > 0) {
        for (const event of events) for (const action of matching(event)) counts[position.get(action)!]!++;
      }
      last = { events, counts };
      return counts;
    },
  };
}
