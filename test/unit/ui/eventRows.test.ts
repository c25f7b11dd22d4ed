import { describe, expect, it } from 'vitest';
import type { BufferedEvent, PageBoundary } from '../../../src/capture/tabEvents';
import { eventRows, type Row } from '../../../src/ui/events/eventRows';

const event = (seq: number, page: number) => ({ seq, page, key: `e${seq}`, event: `event_${seq}` }) as BufferedEvent;
const boundary = (page: number): PageBoundary => ({ page, url: `https://site.example/${page}`, at: page * 1000, firstSeq: 0 });

/** The rows spelled out: newest first, a page's separator just below (older than) its first event. */
function expected(shown: BufferedEvent[], pages: PageBoundary[]): string[] {
  const known = new Set(pages.map((page) => page.page));
  const out: string[] = [];
  for (let i = shown.length - 1; i >= 0; i--) {
    out.push(`e${shown[i]!.seq}`);
    const starts = i === 0 || shown[i - 1]!.page !== shown[i]!.page;
    if (starts && known.has(shown[i]!.page) && known.size > 1) out.push(`page ${shown[i]!.page}`);
  }
  return out;
}

const label = (row: Row) => (row.kind === 'event' ? row.event.key : `page ${row.page.page}`);

describe('eventRows', () => {
  it.each([
    { name: 'no events', pages: [1, 2], eventPages: [] },
    { name: 'one page: no separators', pages: [1], eventPages: [1, 1, 1] },
    { name: 'two pages', pages: [1, 2], eventPages: [1, 1, 2, 2, 2] },
    { name: 'a page per event', pages: [1, 2, 3, 4], eventPages: [1, 2, 3, 4] },
    { name: 'filtered: pages without shown events', pages: [1, 2, 3, 4, 5], eventPages: [1, 3, 3, 5] },
    { name: 'events from pages no longer remembered', pages: [3, 4], eventPages: [1, 2, 3, 3, 4] },
    { name: 'events from before the first page', pages: [1, 2], eventPages: [0, 0, 1, 2] },
  ])('$name', ({ pages, eventPages }) => {
    const shown = eventPages.map((page, index) => event(index + 1, page));
    const rows = eventRows(shown, pages.map(boundary));
    const labels = Array.from({ length: rows.count }, (_, index) => label(rows.at(index)));
    expect(labels).toEqual(expected(shown, pages.map(boundary)));
  });

  it('answers the same rows as a full build over a large list', () => {
    const shown = Array.from({ length: 5000 }, (_, index) => event(index + 1, 1 + Math.floor(index / 37)));
    const pages = Array.from({ length: 140 }, (_, index) => boundary(index + 1));
    const rows = eventRows(shown, pages);
    const labels = Array.from({ length: rows.count }, (_, index) => label(rows.at(index)));
    expect(labels).toEqual(expected(shown, pages));
  });
});
