/**
 * What a distinct id looks like: one the SDK minted for an anonymous visitor, or one a broken
 * `identify` call produced ("undefined", "[object Object]", blank).
 */

/** posthog-js since ~1.60 mints `uuidv7()`; other SDKs and custom `get_device_id` use other RFC 4122 versions. */
const RFC_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Older posthog-js `_UUID` (lifted from Mixpanel): hex ms + tick counter, hex `Math.random()` digits,
 * a hex hash of the user agent, hex screen width × height, hex ms + ticks again.
 */
const LEGACY_POSTHOG_UUID = /^[0-9a-f]{11,16}-[0-9a-f]{1,16}-[0-9a-f]{0,16}-[0-9a-f]{1,8}-[0-9a-f]{11,16}$/i;

/** posthog-js `cookieless_mode: 'always'` sends this in place of an id; the server derives one. */
export const COOKIELESS_DISTINCT_ID = '$posthog_cookieless';

/** Longer than any sensible user id; posthog's own ids are 36 characters. */
export const MAX_PLAUSIBLE_ID_LENGTH = 200;

/** What broken code turns a missing or wrong value into (compared trimmed, unquoted, lower-cased). */
const BROKEN_VALUES = new Set([
  'undefined',
  'null',
  'nan',
  'none',
  'nil',
  'true',
  'false',
  '0',
  '-1',
  '[object object]',
  'anonymous',
  'anon',
  'guest',
  'unknown',
]);

export function isUuidLike(id: string): boolean {
  return RFC_UUID.test(id) || LEGACY_POSTHOG_UUID.test(id);
}

/** An id the SDK mints for anonymous visitors (a UUID), or the cookieless placeholder. */
export function looksAnonymous(id: string): boolean {
  return id === COOKIELESS_DISTINCT_ID || isUuidLike(id);
}

/**
 * Why `id` is no user id to identify with, as a clause ("is blank"), or null when it looks fine. A
 * UUID counts: it is what the SDK's own anonymous ids look like (apps whose user ids really are
 * UUIDs get a warning they can dismiss).
 */
export function suspiciousIdReason(id: string): string | null {
  if (id.length > MAX_PLAUSIBLE_ID_LENGTH) return `is ${id.length} characters long`;
  const bare = unquoted(id);
  if (bare === '') return 'is blank';
  const lower = bare.toLowerCase();
  if (lower === '[object object]') return 'is an object turned into a string';
  if (BROKEN_VALUES.has(lower)) return `is the placeholder ${JSON.stringify(bare)}`;
  if (id === COOKIELESS_DISTINCT_ID) return 'is the cookieless placeholder';
  if (isUuidLike(id)) return 'is a UUID, the shape of the anonymous ids the SDK mints';
  return null;
}

/** `id` without surrounding whitespace and quotes, however deeply nested (`" 'null' "` → `null`). */
function unquoted(id: string): string {
  let text = id.trim();
  while (text.length >= 2 && /^(["'`]).*\1$/s.test(text)) text = text.slice(1, -1).trim();
  return /^["'`]+$/.test(text) ? '' : text;
}

/** An id short enough for a sentence. */
export function quoteId(id: string): string {
  return JSON.stringify(id.length > 60 ? `${id.slice(0, 40)}…` : id);
}
