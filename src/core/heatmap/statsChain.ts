import { type ChainElementInput, elementsToChain } from '../elements/elementsChain';

/** An element of a stats row as the project API serves it: a chain element with its position. */
export type StatsElement = ChainElementInput & { order?: number | null };

const byOrder = (a: StatsElement, b: StatsElement) => (a.order ?? 0) - (b.order ?? 0);

const isSorted = (values: readonly string[]) => values.every((value, i) => i === 0 || values[i - 1]! <= value);

/**
 * The element's classes as the SDK had them. A parse splits the tag part of a chain entry at every
 * `.`, so a class holding a `.` (Tailwind's `h-[calc(100vh-3.5rem)]`, `py-1.5`) comes back in
 * pieces, and sorting the pieces again would move them. `attr__class` still holds the class
 * attribute the SDK took its classes from (`splitClassString`: trimmed, split at whitespace): when
 * those, written the SDK's way (sorted, `"` dropped, joined with `.`), are exactly the pieces' join,
 * they are the classes. Sorted pieces need nothing: sorting them again changes nothing.
 */
function classesOf(element: ChainElementInput): readonly string[] | null | undefined {
  const pieces = element.attr_class;
  const attribute = element.attributes?.['attr__class'];
  if (!pieces || isSorted(pieces) || typeof attribute !== 'string') return pieces;
  const classes = attribute.trim() ? attribute.trim().split(/\s+/) : [];
  const written = [...classes].sort().map((name) => name.replace(/"/g, ''));
  return written.join('.') === pieces.join('.') ? classes : pieces;
}

/**
 * The chain ingestion stored for a stats row, rebuilt from its elements. The element stats endpoint
 * (PostHog's `ElementViewSet.stats`, and the local project API's) groups events by their stored
 * `elements_chain` and answers each one parsed by `chain_to_element_dicts` (`parseElementsChain`),
 * so writing the elements back the way the SDK writes a chain (`elementsToChain`: sorted classes,
 * sorted `key="value"` pairs, `nth-child`/`nth-of-type` always, idempotent quote escaping) gives
 * the stored string byte for byte — with the classes a parse cut at a `.` put together again
 * (`classesOf`). PostHog's own `elements_to_string` escapes quotes again (`\"` → `\\"`), which
 * would miss every chain with a quote in it: the SDK's writer is the one the page's chains are made
 * with too. Elements are taken by `order` (0 = the clicked element), whatever order they arrive in.
 */
export function chainOfStatsRow(elements: readonly StatsElement[]): string {
  const inOrder = elements.every((element, index) => element.order === undefined || element.order === null || element.order === index);
  const ordered = inOrder ? elements : [...elements].sort(byOrder);
  return elementsToChain(
    ordered.map((element) => {
      const classes = classesOf(element);
      return classes === element.attr_class ? element : { ...element, attr_class: classes ?? null };
    }),
  );
}
