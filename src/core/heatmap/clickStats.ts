import type { ChainElementInput } from '../elements/elementsChain';

/**
 * The contract of click stats (issue 10): what the background hands the overlay, and what the
 * overlay draws. Rows come from the project API's element stats endpoint (PostHog's
 * `ElementViewSet.stats`) or, without a connection, from the tab's own captured events.
 */

/** The event types element stats count; PostHog's `include` values. */
export const CLICK_KINDS = ['$autocapture', '$rageclick', '$dead_click'] as const;
export type ClickKind = (typeof CLICK_KINDS)[number];

/** One row: how often a click with this elements chain happened (clicked element first, `order` 0). */
export interface ClickStatsRow {
  count: number;
  /** A `ClickKind`; other types a server may add are kept and ignored by the mapping. */
  type: string;
  elements: readonly ChainElementInput[];
  /**
   * `elements` written as the chain ingestion stores (`chainOfStatsRow`), when the sender already
   * wrote it: the background does, once per fetch, so the page only looks chains up (on deep pages
   * writing 2,000 chains costs more than everything else the mapping does).
   */
  chain?: string;
}

/** How a row found its element: its chain exactly, or a near miss (text or position changed since). */
export type MatchQuality = 'exact' | 'near';

/** What changed between a near-miss row's chain and the element's chain now. */
export type NearMissReason = 'text' | 'nth-child' | 'nth-of-type' | 'href' | 'class' | 'attributes';

/** The clicks of one element on the page, summed over the rows that map to it. */
export interface ElementClicks {
  element: Element;
  /** The element's chain as a click on it would record it now. */
  chain: string;
  /** `$autocapture` clicks. */
  clicks: number;
  rageClicks: number;
  deadClicks: number;
  /** Clicks from rows that matched exactly / only tolerantly. */
  exactClicks: number;
  nearClicks: number;
  /** `exact` when every row matched exactly. */
  quality: MatchQuality;
  /** The near-miss reasons of the rows that matched tolerantly (each once). */
  nearReasons: NearMissReason[];
  /** Elements with the very same chain: the server cannot tell them apart, so each shows the same counts. */
  twins: number;
  /** 1 = most clicks (then most rage clicks); elements equal in both share a rank (dense ranking). */
  rank: number;
  /** `clicks / ClickMap.totalClicks` (0…1). */
  share: number;
  rows: number;
}

/** Rows that match nothing on this page: listed, never dropped. */
export interface UnmatchedClicks {
  rows: number;
  clicks: number;
  rageClicks: number;
  deadClicks: number;
  /** The biggest of them (at most 20), for the list "N clicks on elements not on this page". */
  top: Array<{ chain: string; type: string; count: number }>;
}

export interface ClickMap {
  /** Most clicks first. */
  elements: ElementClicks[];
  unmatched: UnmatchedClicks;
  /** `$autocapture` clicks over every row, matched or not. */
  totalClicks: number;
  /** `$autocapture` clicks that found an element on this page (twins counted once). */
  mappedClicks: number;
}
