import type { BufferedEvent } from '../../capture/tabEvents';

/** Quick toggles in the Events view: every event belongs to exactly one category. */
export type EventCategory = 'autocapture' | 'pageviews' | 'identity' | 'custom' | 'other';

export const CATEGORY_LABELS: Record<EventCategory, string> = {
  autocapture: 'Autocapture',
  pageviews: 'Pageviews',
  identity: 'Identity',
  custom: 'Custom',
  other: 'Other $ events',
};

const AUTOCAPTURE = new Set(['$autocapture', '$rageclick', '$dead_click', '$copy_autocapture']);
const PAGEVIEWS = new Set(['$pageview', '$pageleave', '$screen']);
const IDENTITY = new Set(['$identify', '$create_alias', '$groupidentify', '$set', '$merge_dangerously']);

export function categoryOf(name: string): EventCategory {
  if (AUTOCAPTURE.has(name)) return 'autocapture';
  if (PAGEVIEWS.has(name)) return 'pageviews';
  if (IDENTITY.has(name)) return 'identity';
  return name.startsWith('$') ? 'other' : 'custom';
}

export interface EventFilter {
  /** Event names to show; empty shows every name. */
  names: ReadonlySet<string>;
  categories: ReadonlySet<EventCategory>;
  /** Free text, matched case-insensitively against the name and every property. */
  search: string;
}

const searchText = new WeakMap<BufferedEvent, string>();

function textOf(event: BufferedEvent): string {
  let text = searchText.get(event);
  if (text === undefined) {
    text = `${event.event}\n${JSON.stringify(event.properties)}\n${JSON.stringify(event.$set ?? {})}\n${JSON.stringify(event.$set_once ?? {})}`.toLowerCase();
    searchText.set(event, text);
  }
  return text;
}

/** The filter as one predicate, with the search text prepared once rather than for every event. */
export function compileFilter(filter: EventFilter): (event: BufferedEvent) => boolean {
  const { names, categories } = filter;
  const needle = filter.search.trim().toLowerCase();
  return (event) =>
    (names.size === 0 || names.has(event.event)) && categories.has(categoryOf(event.event)) && (needle === '' || textOf(event).includes(needle));
}
