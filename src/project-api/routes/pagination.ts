/** The request's own URL with `offset` (and `limit`) replaced: DRF-style `next`/`previous` links. */
export function pageUrl(requestUrl: string, offset: number, limit: number): string {
  const url = new URL(requestUrl);
  url.searchParams.set('offset', String(offset));
  url.searchParams.set('limit', String(limit));
  return url.toString();
}
