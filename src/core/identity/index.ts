/**
 * `core/identity`: who the site's SDK thinks the user is, per project token, from the events it
 * sent and what it stored — an identify timeline and QA warnings. Pure: runs in the worker, the
 * popup and node alike. The rules are listed in README.md.
 */
export { NO_TOKEN, reduceIdentity } from './reduceIdentity';
export { IN_FLIGHT_GRACE_MS } from './tokenTrace';
export { DUPLICATE_PAGEVIEW_MS, INTERLEAVE_GRACE_MS } from './duplicateInstance';
export { COOKIELESS_DISTINCT_ID, MAX_PLAUSIBLE_ID_LENGTH, isUuidLike, looksAnonymous, suspiciousIdReason } from './distinctIdShape';
export { isCardNumber, secretNamedBy, sensitiveValueReason } from './sensitiveValue';
export { isSdkPersonProperty } from './sdkPersonProperties';
export type {
  EventRef,
  IdentityEvent,
  IdentityReport,
  IdentityState,
  IdentityWarning,
  PersistenceSnapshot,
  PersistenceSource,
  PersonProperty,
  TimelineEntry,
  WarningKind,
} from './types';
