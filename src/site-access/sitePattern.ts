/**
 * The match pattern Actionlens asks for when a site is enabled: the page's scheme and host, any
 * port and path (`http://127.0.0.1/*`). Browsers ignore ports in host permissions, so a narrower
 * pattern would not be narrower in effect. Returns null for pages extensions cannot script.
 */
export function sitePatternFor(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (!parsed.hostname) return null;
  return `${parsed.protocol}//${parsed.hostname}/*`;
}

export function isSitePattern(pattern: string): boolean {
  return /^https?:\/\/[^/*\s]+\/\*$/.test(pattern);
}
