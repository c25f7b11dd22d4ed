import type { ClickKind } from '../../core/heatmap/clickStats';

/**
 * What the heatmap asks the background for (`stats.get`) and how the panel says it in words: the
 * page pattern, the date range, which click kinds, and where the answer came from.
 */

export type RangePreset = '24h' | '7d' | '30d';
export type StatsRange = { preset: RangePreset } | { from: string; to: string };

export const RANGE_PRESETS: ReadonlyArray<{ preset: RangePreset; label: string }> = [
  { preset: '24h', label: 'Last 24 hours' },
  { preset: '7d', label: 'Last 7 days' },
  { preset: '30d', label: 'Last 30 days' },
];

export const CLICK_KIND_LABEL: Record<ClickKind, string> = {
  $autocapture: 'Clicks ($autocapture)',
  $rageclick: 'Rage clicks',
  $dead_click: 'Dead clicks',
};

/** The page without its query and hash: the default pattern. */
export function defaultPattern(href: string): string {
  try {
    const url = new URL(href);
    return `${url.origin}${url.pathname}`;
  } catch {
    return href;
  }
}

/** What a pattern covers, in a sentence for under the field. */
export function patternHint(pattern: string, matchesThisPage: boolean | null): string {
  const what = pattern.includes('*') ? 'Pages whose URL fits the pattern (* stands for any characters).' : 'This URL exactly (use * for any characters, e.g. /product/*).';
  if (matchesThisPage === null) return what;
  return `${what} ${matchesThisPage ? 'This page matches.' : 'This page does not match it: elements are looked up on this page anyway.'}`;
}

const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });

/** "last 7 days", "2 Mar 2025 – 9 Mar 2025". */
export function rangeLabel(range: StatsRange): string {
  if ('preset' in range) return RANGE_PRESETS.find((option) => option.preset === range.preset)!.label.toLowerCase();
  const from = new Date(range.from);
  const to = new Date(range.to);
  return `${DAY_FORMAT.format(from)} – ${DAY_FORMAT.format(to)}`;
}

/** A custom range from two `<input type="date">` values: the first day's start to the last day's end, in local time. */
export function customRange(fromDay: string, toDay: string): StatsRange | null {
  const from = localDay(fromDay);
  const to = localDay(toDay);
  if (!from || !to || to < from) return null;
  to.setHours(23, 59, 59, 999);
  return { from: from.toISOString(), to: to.toISOString() };
}

function localDay(day: string): Date | null {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!parts) return null;
  const date = new Date(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `YYYY-MM-DD` of a date in local time, for the date inputs. */
export function dayOf(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export interface StatsSource {
  source: 'project' | 'tab';
  projectId?: number | null;
}

/** "Project 123 · last 7 days", or "This tab only · …" when the counts are the tab's own captured clicks. */
export function sourceLabel(answer: StatsSource, range: StatsRange): string {
  if (answer.source === 'tab') return 'This tab only · its own captured clicks';
  return `${answer.projectId != null ? `Project ${answer.projectId}` : 'Project'} · ${rangeLabel(range)}`;
}
