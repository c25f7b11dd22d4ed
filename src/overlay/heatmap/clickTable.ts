import type { ElementClicks } from '../../core/heatmap/clickStats';
import { type ChainElement, parseElementsChain } from '../../core/elements';

/**
 * The heatmap's table: one row per clicked element, described from its elements chain (what the
 * server knows of it), sortable by each column.
 */

export interface ClickRow {
  clicks: ElementClicks;
  /** `button#save.btn.primary "Save"` */
  element: string;
  /** Where it sits: `li.plan:nth-child(2) › ul.plans` (its two nearest ancestors). */
  context: string;
  /** The names of the project's actions whose steps the server would match for a click on it. */
  actions: readonly string[];
}

export const SORT_COLUMNS = ['element', 'clicks', 'share', 'rage', 'dead', 'quality', 'actions'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type SortDirection = 'ascending' | 'descending';
export interface SortOrder {
  column: SortColumn;
  direction: SortDirection;
}

export const DEFAULT_SORT: SortOrder = { column: 'clicks', direction: 'descending' };

/** Words first A→Z, numbers biggest first: what a click on a column header means the first time. */
export function firstDirection(column: SortColumn): SortDirection {
  return column === 'element' || column === 'actions' ? 'ascending' : 'descending';
}

/** A header clicked: the same column turns around, another starts in its natural direction. */
export function nextSort(current: SortOrder, column: SortColumn): SortOrder {
  if (current.column === column) return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { column, direction: firstDirection(column) };
}

const key: Record<SortColumn, (row: ClickRow) => number | string> = {
  element: (row) => row.element.toLowerCase(),
  clicks: (row) => row.clicks.clicks,
  share: (row) => row.clicks.share,
  rage: (row) => row.clicks.rageClicks,
  dead: (row) => row.clicks.deadClicks,
  // Exact first when descending: the trustworthy matches are the "better" end.
  quality: (row) => (row.clicks.quality === 'exact' ? 1 : 0),
  // Elements in no action after those in one (A→Z). Not U+FFFF as a sentinel: Chrome refuses to
  // load a content script with a Unicode noncharacter in it ("isn't UTF-8 encoded").
  actions: (row) => `${row.actions.length > 0 ? 0 : 1}${row.actions.join(', ').toLowerCase()}`,
};

/** A sorted copy; ties keep the map's order (most clicks first). */
export function sortRows(rows: readonly ClickRow[], order: SortOrder): ClickRow[] {
  const value = key[order.column];
  const sign = order.direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, at) => ({ row, at, value: value(row) }))
    .sort((a, b) => (a.value < b.value ? -sign : a.value > b.value ? sign : a.at - b.at))
    .map(({ row }) => row);
}

const MAX_TEXT = 32;
const MAX_CLASSES = 2;

/**
 * The clicked element of a chain in a few words: its tag and id with its text when it has one (what
 * a person recognises), else with its first classes; its two nearest ancestors, with their
 * positions, as the context (what tells list items apart).
 */
export function describeChain(chain: string): { element: string; context: string } {
  const [first, ...ancestors] = parseElementsChain(chain);
  if (!first) return { element: '(empty chain)', context: '' };
  const element = first.text
    ? `${first.tag_name ?? '?'}${first.attr_id ? `#${first.attr_id}` : ''} "${first.text.length > MAX_TEXT ? `${first.text.slice(0, MAX_TEXT)}…` : first.text}"`
    : tagWithNames(first);
  const context = ancestors
    .slice(0, 2)
    .map((ancestor) => `${tagWithNames(ancestor)}${ancestor.nth_child !== null ? `:nth-child(${ancestor.nth_child})` : ''}`)
    .join(' › ');
  return { element, context };
}

function tagWithNames(element: ChainElement): string {
  let text = element.tag_name ?? '?';
  if (element.attr_id) text += `#${element.attr_id}`;
  const classes = element.attr_class ?? [];
  for (const name of classes.slice(0, MAX_CLASSES)) text += `.${name}`;
  if (classes.length > MAX_CLASSES) text += '…';
  return text;
}

/** The table's rows, one per element of the map, with the actions each belongs to. */
export function clickRows(elements: readonly ElementClicks[], actionsOf: (clicks: ElementClicks) => readonly string[]): ClickRow[] {
  return elements.map((clicks) => ({ clicks, ...describeChain(clicks.chain), actions: actionsOf(clicks) }));
}
