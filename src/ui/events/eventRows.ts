import type { BufferedEvent, PageBoundary } from '../../capture/tabEvents';

export type Row = { kind: 'event'; event: BufferedEvent } | { kind: 'page'; page: PageBoundary };

export interface EventRows {
  count: number;
  /** Row `index` of the list, newest first. */
  at(index: number): Row;
}

/**
 * The Events view's rows, newest first, with a separator where each page the tab loaded begins
 * (when it loaded more than one). Built in one pass that allocates nothing per event and answers
 * rows by index, so a new event arriving in a 10,000-event list costs the rows that
 * are painted, not 10,000 row objects.
 */
export function eventRows(shown: readonly BufferedEvent[], pages: readonly PageBoundary[]): EventRows {
  const byNumber = new Map(pages.map((page) => [page.page, page]));
  // Indexes into `shown` (oldest first) of the events that get a separator above them.
  const starts: number[] = [];
  if (byNumber.size > 1) {
    for (let i = 0; i < shown.length; i++) {
      const page = shown[i]!.page;
      if ((i === 0 || shown[i - 1]!.page !== page) && byNumber.has(page)) starts.push(i);
    }
  }
  const count = shown.length + starts.length;
  return {
    count,
    at(index) {
      // Oldest first, separator j sits at position starts[j] + j, just before its event.
      const position = count - 1 - index;
      let low = 0;
      let high = starts.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (starts[middle]! + middle <= position) low = middle + 1;
        else high = middle;
      }
      // `low` separators sit at or before `position`.
      const last = low - 1;
      if (last >= 0 && starts[last]! + last === position) return { kind: 'page', page: byNumber.get(shown[starts[last]!]!.page)! };
      return { kind: 'event', event: shown[position - low]! };
    },
  };
}
