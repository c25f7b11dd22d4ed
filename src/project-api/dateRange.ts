/**
 * PostHog's date filter values (`date_from` / `date_to`), resolved in UTC (the local project's
 * timezone): relative `-24h`, `-7d`, `-2w`, `-3m`, `-1y`, `dStart`, `mStart`, `yStart`, `all`,
 * or an ISO date / date-time. Relative and date-only values round like PostHog's
 * QueryDateRange with should_round: to the start of the hour or day for `date_from`, to the
 * end of the day for a date-only `date_to`.
 */

const RELATIVE = /^-(\d+)([hdwmyqHDWMYQ])$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** A date-time without an offset is read as UTC, whatever the server's own timezone. */
const NAIVE_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;

function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

function relative(amount: number, unit: string, now: Date): Date {
  const d = new Date(now);
  switch (unit.toLowerCase()) {
    case 'h':
      d.setUTCHours(d.getUTCHours() - amount, 0, 0, 0);
      return d;
    case 'd':
      return startOfDay(new Date(d.getTime() - amount * 86_400_000));
    case 'w':
      return startOfDay(new Date(d.getTime() - amount * 7 * 86_400_000));
    case 'm':
      d.setUTCMonth(d.getUTCMonth() - amount);
      return startOfDay(d);
    case 'q':
      d.setUTCMonth(d.getUTCMonth() - amount * 3);
      return startOfDay(d);
    default:
      d.setUTCFullYear(d.getUTCFullYear() - amount);
      return startOfDay(d);
  }
}

/** `undefined` means unbounded (`all`); throws a message for values PostHog would not accept. */
export function resolveDateFrom(value: string, now: Date): string | undefined {
  const trimmed = value.trim();
  if (trimmed === 'all') return undefined;
  if (trimmed === 'dStart') return startOfDay(now).toISOString();
  if (trimmed === 'mStart') return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
  if (trimmed === 'yStart') return new Date(Date.UTC(now.getUTCFullYear(), 0, 1)).toISOString();
  const match = RELATIVE.exec(trimmed);
  if (match) return relative(Number(match[1]), match[2] ?? 'd', now).toISOString();
  return absolute(trimmed, 'start');
}

export function resolveDateTo(value: string, now: Date): string {
  const trimmed = value.trim();
  const match = RELATIVE.exec(trimmed);
  if (match) return relative(Number(match[1]), match[2] ?? 'd', now).toISOString();
  return absolute(trimmed, 'end');
}

function absolute(value: string, edge: 'start' | 'end'): string {
  const naive = NAIVE_DATE_TIME.exec(value);
  const iso = DATE_ONLY.test(value) ? `${value}T00:00:00Z` : naive ? `${naive[1]}T${naive[2]}Z` : value;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) {
    throw new Error(`"${value}" is not a date: use -24h, -7d, -30d, all, or an ISO date`);
  }
  const end = edge === 'end' && DATE_ONLY.test(value);
  return new Date(end ? ms + 86_400_000 - 1 : ms).toISOString();
}
