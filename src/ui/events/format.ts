/**
 * `toLocaleTimeString(undefined, { hour12: false })`, with the formatter made once: that call builds
 * a new `Intl.DateTimeFormat` each time, which cost more than the rest of a list render together.
 */
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: 'numeric', second: 'numeric', hour12: false });

/** Local time with milliseconds: events in one batch are often a few ms apart. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${timeFormat.format(date)}.${String(date.getMilliseconds()).padStart(3, '0')}`;
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
