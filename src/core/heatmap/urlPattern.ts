/**
 * A page URL pattern as the heatmap uses it: a URL, or a URL with `*` wildcards (`https://shop.test/product/*`).
 * The project API filters element stats on `$current_url` with it; the tab's own events are filtered
 * the same way here, so both sources count the same pages.
 */

export interface CurrentUrlFilter {
  key: '$current_url';
  value: string;
  operator: 'exact' | 'regex';
  type: 'event';
}

/** Escapes every regex metacharacter; each escape is also valid in RE2 (ClickHouse's `match`). */
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function wildcardRegex(pattern: string): string {
  return `^${pattern.split('*').map(escapeRegex).join('.*')}$`;
}

/** Without `*`: an exact match; with `*`: an anchored regex where `*` is any run of characters. */
export function urlPatternToFilter(pattern: string): CurrentUrlFilter {
  if (!pattern.includes('*')) return { key: '$current_url', value: pattern, operator: 'exact', type: 'event' };
  return { key: '$current_url', value: wildcardRegex(pattern), operator: 'regex', type: 'event' };
}

/** Whether a `$current_url` is one the filter of `pattern` selects. */
export function urlMatchesPattern(url: string, pattern: string): boolean {
  if (!pattern.includes('*')) return url === pattern;
  return new RegExp(wildcardRegex(pattern)).test(url);
}
