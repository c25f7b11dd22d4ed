// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { CandidateIndex } from '../../../src/core/elements';
import { ClickTargets, type ElementClicks, mapClickStats } from '../../../src/core/heatmap';
import { page, the } from '../elements/selectorTestPage';
import { changedRow, row } from './statsRows';

const SHOP = `
  <nav><a class="nav-link active" href="/">Home</a><a class="nav-link" href="/pricing">Pricing</a></nav>
  <ul class="invoices">${[1, 2, 3, 4, 5].map((n) => `<li><button class="open">Invoice ${n}</button></li>`).join('')}</ul>
  <ul class="same">${[1, 2, 3].map(() => '<li><button class="open">Open</button></li>').join('')}</ul>
  <button id="buy" class="btn" data-attr="buy">Buy now</button>`;

let index: CandidateIndex;
const chainOf = (selector: string) => index.chainOf(the(selector));
const invoice = (n: number) => the(`.invoices li:nth-child(${n}) button`);
const entryOf = (map: ReturnType<typeof mapClickStats>, element: Element) => map.elements.find((entry) => entry.element === element);

beforeEach(() => {
  document.body.innerHTML = '';
  index = page(SHOP);
});

describe('mapClickStats, exact', () => {
  it('sums each element’s clicks, rage and dead clicks, ranks them and lists what matched nothing', () => {
    const gone = 'button.checkout:nth-child="1"nth-of-type="1"text="Checkout";body:nth-child="2"nth-of-type="1"';
    const map = mapClickStats(index, [
      row(chainOf('#buy'), 10),
      row(chainOf('#buy'), 2, '$rageclick'),
      row(chainOf('nav a:nth-child(2)'), 10),
      row(index.chainOf(invoice(3)), 4),
      row(index.chainOf(invoice(1)), 3, '$dead_click'),
      row(index.chainOf(invoice(2)), 1, '$rageclick'),
      row(chainOf('#buy'), 100, '$pageview'),
      row(gone, 6),
      row(gone, 2, '$rageclick'),
    ]);
    const summary = map.elements.map((e) => [e.element.textContent, e.clicks, e.rageClicks, e.deadClicks, e.rank, e.quality, e.rows]);
    expect(summary).toEqual([
      ['Buy now', 10, 2, 0, 1, 'exact', 2],
      ['Pricing', 10, 0, 0, 2, 'exact', 1],
      ['Invoice 3', 4, 0, 0, 3, 'exact', 1],
      ['Invoice 2', 0, 1, 0, 4, 'exact', 1],
      ['Invoice 1', 0, 0, 3, 5, 'exact', 1],
    ]);
    expect(map.totalClicks).toBe(30);
    expect(map.mappedClicks).toBe(24);
    expect(map.elements[0]).toMatchObject({ share: 10 / 30, exactClicks: 10, nearClicks: 0, nearReasons: [], twins: 0, chain: chainOf('#buy') });
    expect(map.unmatched).toEqual({ rows: 2, clicks: 6, rageClicks: 2, deadClicks: 0, top: [{ chain: gone, type: '$autocapture', count: 6 }, { chain: gone, type: '$rageclick', count: 2 }] });
  });

  it('tells apart list items whose chains differ only in nth-child', () => {
    const buttons = [...document.querySelectorAll('.same button')];
    const map = mapClickStats(index, buttons.map((button, i) => row(index.chainOf(button), i + 1)));
    expect(buttons.map((button) => entryOf(map, button)?.clicks)).toEqual([1, 2, 3]);
    expect(map.elements.every((entry) => entry.quality === 'exact' && entry.twins === 0)).toBe(true);
  });

  it('shares a rank between equal counts (dense) and answers a share of 0 without clicks', () => {
    const map = mapClickStats(index, [row(index.chainOf(invoice(1)), 5), row(index.chainOf(invoice(2)), 5), row(index.chainOf(invoice(3)), 1)]);
    expect(map.elements.map((entry) => entry.rank)).toEqual([1, 1, 2]);
    const rageOnly = mapClickStats(index, [row(index.chainOf(invoice(1)), 5, '$rageclick')]);
    expect(rageOnly.elements[0]).toMatchObject({ clicks: 0, rageClicks: 5, share: 0, rank: 1 });
    expect(rageOnly.totalClicks).toBe(0);
  });

  it('lists the 20 biggest rows that match nothing, and counts them all', () => {
    const rows = Array.from({ length: 25 }, (_, i) => row(`button#gone-${i}:attr__id="gone-${i}"attr_id="gone-${i}"nth-child="1"nth-of-type="1"`, i + 1));
    const map = mapClickStats(index, rows);
    expect(map.elements).toEqual([]);
    expect(map.unmatched.rows).toBe(25);
    expect(map.unmatched.clicks).toBe((25 * 26) / 2);
    expect(map.unmatched.top.map((entry) => entry.count)).toEqual(Array.from({ length: 20 }, (_, i) => 25 - i));
  });

  it('indexes the page once per CandidateIndex', () => {
    expect(ClickTargets.of(index)).toBe(ClickTargets.of(index));
  });
});

describe('mapClickStats, near misses', () => {
  const only = (map: ReturnType<typeof mapClickStats>): ElementClicks => {
    expect(map.elements).toHaveLength(1);
    return map.elements[0]!;
  };

  it('finds an element whose text changed since', () => {
    const entry = only(mapClickStats(index, [changedRow(chainOf('#buy'), 0, { text: 'Buy' }, 7)]));
    expect(entry).toMatchObject({ element: the('#buy'), quality: 'near', nearReasons: ['text'], clicks: 7, exactClicks: 0, nearClicks: 7 });
  });

  it('finds a list item that moved: same text in another place beats another item in its old place', () => {
    // Recorded when "Invoice 3" was the first item; now the first item is "Invoice 1".
    const entry = only(mapClickStats(index, [changedRow(index.chainOf(invoice(3)), 1, { nth_child: 1, nth_of_type: 1 }, 2)]));
    expect(entry).toMatchObject({ element: invoice(3), quality: 'near', nearReasons: ['nth-child', 'nth-of-type'] });
  });

  it('finds an item whose position changed and, when nothing else tells, the nearest position', () => {
    const moved = only(mapClickStats(index, [changedRow(index.chainOf(invoice(2)), 1, { nth_child: 9 }, 1)]));
    expect(moved).toMatchObject({ element: invoice(2), nearReasons: ['nth-child'] });
    const same = [...document.querySelectorAll('.same button')];
    const nearest = only(mapClickStats(index, [changedRow(index.chainOf(same[0]!), 1, { nth_child: 7, nth_of_type: 7 }, 1)]));
    expect(nearest.element).toBe(same[2]);
  });

  it.each([
    ['a state class', 'nav a:nth-child(2)', { attr_class: ['active', 'nav-link'], attributes: { attr__class: 'nav-link active', attr__href: '/pricing' } }, ['class']],
    ['a state class gone', 'nav a:nth-child(1)', { attr_class: ['nav-link'], attributes: { attr__class: 'nav-link', attr__href: '/' } }, ['class']],
    ['the query of its link', 'nav a:nth-child(2)', { href: '/pricing?utm_source=x', attributes: { attr__class: 'nav-link', attr__href: '/pricing?utm_source=x' } }, ['href']],
    ['an aria attribute', '#buy', { attributes: { attr__class: 'btn', attr__id: 'buy', 'attr__data-attr': 'buy', 'attr__aria-busy': 'true' } }, ['attributes']],
  ])('finds an element when only %s changed', (_, selector, change, reasons) => {
    const entry = only(mapClickStats(index, [changedRow(chainOf(selector), 0, change, 1)]));
    expect(entry).toMatchObject({ element: the(selector), quality: 'near', nearReasons: reasons });
  });

  it.each([
    ['id', { attr_id: 'sell', attributes: { attr__class: 'btn', attr__id: 'sell', 'attr__data-attr': 'buy' } }],
    ['data attribute', { attributes: { attr__class: 'btn', attr__id: 'buy', 'attr__data-attr': 'sell' } }],
    ['a stable class', { attr_class: ['cta'], attributes: { attr__class: 'cta', attr__id: 'buy', 'attr__data-attr': 'buy' } }],
    ['tag', { tag_name: 'a' }],
  ])('does not take an element when its %s differs', (_, change) => {
    const map = mapClickStats(index, [changedRow(chainOf('#buy'), 0, change, 3)]);
    expect(map.elements).toEqual([]);
    expect(map.unmatched).toMatchObject({ rows: 1, clicks: 3 });
  });

  it('does not take an element in another place of the page (the tag path differs)', () => {
    const chain = chainOf('#buy').replace(';body', ';div:nth-child="1"nth-of-type="1";body');
    expect(mapClickStats(index, [row(chain, 1)]).unmatched.rows).toBe(1);
  });

  it('marks an element near when some of its rows matched exactly and some not', () => {
    const entry = only(mapClickStats(index, [row(chainOf('#buy'), 5), changedRow(chainOf('#buy'), 0, { text: 'Buy' }, 2)]));
    expect(entry).toMatchObject({ clicks: 7, exactClicks: 5, nearClicks: 2, quality: 'near', nearReasons: ['text'], rows: 2 });
  });
});

describe('mapClickStats, twins', () => {
  it('gives elements with the same chain the same counts, and counts them once', () => {
    // Two same-origin iframes with the same content: an SDK in each records the same chain (it ends at the iframe's body).
    document.body.innerHTML = '<iframe srcdoc="<button>Go</button>"></iframe><iframe srcdoc="<button>Go</button>"></iframe><button>Go</button>';
    const buttons = [...document.querySelectorAll('iframe')].map((frame) => frame.contentDocument!.querySelector('button')!);
    const index = CandidateIndex.build(document);
    const chain = index.chainOf(buttons[0]!);
    expect(index.chainOf(buttons[1]!)).toBe(chain);
    const map = mapClickStats(index, [row(chain, 6), row(chain, 1, '$rageclick'), row(index.chainOf(document.querySelector('body > button')!), 2)]);
    expect(map.elements.map((entry) => [entry.element, entry.clicks, entry.rageClicks, entry.twins, entry.rank])).toEqual([
      [buttons[0], 6, 1, 1, 1],
      [buttons[1], 6, 1, 1, 1],
      [document.querySelector('body > button'), 2, 0, 0, 2],
    ]);
    expect(map.mappedClicks).toBe(8);
    expect(map.elements[0]!.share).toBe(6 / 8);
  });
});
