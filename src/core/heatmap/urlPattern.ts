/**
 * The page pattern of heatmap mode (`https://shop.example/product/*`), as PostHog's toolbar turns it
 * into the `$current_url` filter of the element stats request: without `*` an exact match, with `*`
 * an anchored regular expression where `*` is any run of characters and everything else is literal.
 * The server runs it with RE2 (ClickHouse `match`), so the expression uses only what RE2 and
 * JavaScript read alike: `^`, `$`, `.*` and backslash-escaped punctuation.
 */

/** The `properties` entry of an element stats request. */
export interface CurrentUrlFilter {
  key: '$current_url';
  value: string;
  operator: 'exact' | 'regex';
  type: 'event';
}

/** The characters RE2 and JavaScript read as syntax outside a character class, escaped (the usual `escapeRegExp` set). */
function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The anchored expression of a pattern with wildcards. */
export function urlPatternToRegex(pattern: string): string {
  return `^${pattern.split('*').map(escapeRegex).join('.*')}$`;
}

export function urlPatternToFilter(pattern: string): CurrentUrlFilter {
  if (!pattern.includes('*')) return { key: '$current_url', value: pattern, operator: 'exact', type: 'event' };
  return { key: '$current_url', value: urlPatternToRegex(pattern), operator: 'regex', type: 'event' };
}

/** Whether a URL is one the pattern's filter selects on the server (for the tab's own events). */
export function urlMatchesPattern(url: string, pattern: string): boolean {
  if (!pattern.includes('*')) return url === pattern;
  return new RegExp(urlPatternToRegex(pattern)).test(url);
}
