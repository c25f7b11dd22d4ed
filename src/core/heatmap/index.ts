/**
 * `core/heatmap`: click stats (issue 10) — the rows the element stats endpoint serves, their chains,
 * and where on the page each was clicked, matched by chain as the server recorded it.
 */
export {
  CLICK_KINDS,
  type ClickKind,
  type ClickMap,
  type ClickStatsRow,
  type ElementClicks,
  type MatchQuality,
  type NearMissReason,
  type UnmatchedClicks,
} from './clickStats';
export { chainOfStatsRow, type StatsElement } from './statsChain';
export { type ClickTarget, ClickTargets, type TargetMatch } from './clickTargets';
export { mapClickStats, UNMATCHED_LISTED } from './mapClickStats';
export { type CurrentUrlFilter, urlMatchesPattern, urlPatternToFilter, urlPatternToRegex } from './urlPattern';
