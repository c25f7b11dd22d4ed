/**
 * Who the site's SDK thinks the user is, per project token, derived from what it sent (the tab's
 * decoded events) and what it stored (persistence snapshots read by the content script). Pure data:
 * the reducer in `reduceIdentity.ts` builds it, the Person view shows it.
 */

/** The fields of a buffered event the reducer reads (see capture/tabEvents.ts `BufferedEvent`). */
export interface IdentityEvent {
  /** The event's uuid, or `<request id>#<index>` for SDKs that send none. */
  key: string;
  /** Arrival order in the tab's buffer: the tie-breaker for equal timestamps. */
  seq: number;
  event: string;
  properties: Record<string, unknown>;
  /** ISO 8601, as the SDK stamped it (or derived from `offset`). */
  timestamp: string;
  $set?: Record<string, unknown>;
  $set_once?: Record<string, unknown>;
  /**
   * The document (page load) of the tab it was sent from (`BufferedEvent.page`), when known. Two SDK
   * instances are told apart from one instance on two pages by it.
   */
  page?: number;
}

/** Where a snapshot was read from. `none`: no storage entry for this token (memory persistence). */
export type PersistenceSource = 'localStorage' | 'cookie' | 'sessionStorage' | 'none';

/** The SDK's stored state for one persistence entry, read by the content script at one moment. */
export interface PersistenceSnapshot {
  /** The storage key or cookie name, e.g. `ph_phc_abc_posthog` (or `ph_<persistence_name>`). */
  name: string;
  /** The token the name belongs to, when the name is the default `ph_<token>_posthog`. */
  token: string | null;
  source: PersistenceSource;
  /** Epoch ms when it was read. */
  readAt: number;
  /** Epoch ms since when it has read the same (the first read with this content), when known. */
  unchangedSince?: number;
  distinctId: string | null;
  deviceId: string | null;
  /** `anonymous` | `identified` as the SDK stores `$user_state`. */
  userState: string | null;
  /** `$sesid`: [last activity ms, session id, session start ms]. */
  sessionId: string | null;
  storedPersonProperties: Record<string, unknown> | null;
}

/** A reference to the event that caused a timeline entry or a warning. */
export interface EventRef {
  key: string;
  seq: number;
  event: string;
  timestamp: string;
}

export type TimelineEntry =
  | { kind: 'first-seen'; at: string; ref: EventRef; distinctId: string; identified: boolean }
  | { kind: 'identify'; at: string; ref: EventRef; distinctId: string; anonDistinctId: string | null }
  | { kind: 'alias'; at: string; ref: EventRef; distinctId: string; alias: string }
  | { kind: 'group'; at: string; ref: EventRef; groupType: string; groupKey: string; properties: Record<string, unknown> }
  /** The SDK started over with a new anonymous id (`reset()`), inferred: no event marks it. */
  | { kind: 'reset'; at: string; ref: EventRef; previousDistinctId: string; distinctId: string; deviceIdChanged: boolean }
  /** The distinct id changed without `$identify` and without looking like a reset. */
  | { kind: 'switch'; at: string; ref: EventRef; previousDistinctId: string; distinctId: string };

export type WarningKind =
  /** distinct id changed with no `$identify` and no reset between (identify while identified; no reset on logout). */
  | 'switch-without-identify'
  /** identify with an id that looks anonymous or broken (UUID, "undefined", "null", "[object Object]", blank-ish). */
  | 'suspicious-identify-id'
  /** events timestamped after a reset still carrying the old distinct id. */
  | 'old-id-after-reset'
  /** `$set_once` tried to change a value already set. */
  | 'set-once-conflict'
  /** a person property that looks like a password, a card number or a token. */
  | 'sensitive-person-property'
  /** `$process_person_profile: false` on events after identify. */
  | 'personless-after-identify'
  /** the SDK's persistence and its events disagree on the distinct id. */
  | 'persistence-mismatch'
  /** two SDK instances with the same token on the page. */
  | 'duplicate-instance';

export interface IdentityWarning {
  kind: WarningKind;
  /** One sentence: what happened, with the ids involved. */
  message: string;
  /** One sentence: what to do about it. */
  advice: string;
  /** The event that triggered it; null for persistence-only findings. */
  ref: EventRef | null;
  /** When, for ordering in the timeline (the event's timestamp, or the snapshot's read time). */
  at: string;
}

export interface PersonProperty {
  value: unknown;
  /** How it was last written: `$set` overwrites, `$set_once` only fills in. */
  via: '$set' | '$set_once';
  ref: EventRef;
}

export interface IdentityState {
  token: string;
  distinctId: string | null;
  identified: boolean;
  deviceId: string | null;
  sessionId: string | null;
  windowId: string | null;
  /** group type → key, from `$groups` and `$groupidentify`. */
  groups: Record<string, string>;
  personProperties: Record<string, PersonProperty>;
  /** Every distinct id this token's person went by in this tab, first seen first. */
  distinctIds: string[];
  timeline: TimelineEntry[];
  warnings: IdentityWarning[];
  /** The newest snapshot of this token's persistence, if one was read. */
  persistence: PersistenceSnapshot | null;
  eventCount: number;
  libVersion: string | null;
}

export interface IdentityReport {
  /** One per token, in order of first appearance. */
  tokens: IdentityState[];
}
