/** Local time with milliseconds: events in one batch are often a few ms apart. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toLocaleTimeString(undefined, { hour12: false })}.${String(date.getMilliseconds()).padStart(3, '0')}`;
}

export function pathOf(url: unknown): string {
  if (typeof url !== 'string') return '';
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

/** The distinguishing end of a long id (UUIDv7 ids share their start within a session). */
export function shortId(value: unknown, length = 8): string {
  if (value == null) return '—';
  const text = String(value);
  return text.length <= length + 1 ? text : `…${text.slice(-length)}`;
}
