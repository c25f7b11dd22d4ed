// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { clickRows, describeChain, nextSort, sortRows } from '../../../../src/overlay/heatmap/clickTable';
import { clicksOf, mapOf } from './clickMaps';

describe('element descriptions from the chain', () => {
  it.each<[string, string, string]>([
    ['button.btn.btn-primary:attr__class="btn btn-primary"nth-child="2"nth-of-type="1"text="Start free trial";div.hero:nth-child="1"nth-of-type="1";section', 'button "Start free trial"', 'div.hero:nth-child(1) › section'],
    ['a.nav.link.active:attr_id="docs"href="/docs"nth-child="3"nth-of-type="3"text="Docs"', 'a#docs "Docs"', ''],
    ['a.nav.link.active:attr_id="docs"href="/docs"nth-child="3"nth-of-type="3"', 'a#docs.nav.link…', ''],
    ['div:nth-child="1"nth-of-type="1"', 'div', ''],
    [`span:text="${'x'.repeat(50)}"`, `span "${'x'.repeat(32)}…"`, ''],
    [
      'button.btn:nth-child="3"nth-of-type="1"text="Connect";li.integration:nth-child="2"nth-of-type="2";ul.integration-list:nth-child="2"nth-of-type="1"',
      'button "Connect"',
      'li.integration:nth-child(2) › ul.integration-list:nth-child(2)',
    ],
  ])('%s', (chain, element, context) => {
    expect(describeChain(chain)).toEqual({ element, context });
  });
});

describe('sorting', () => {
  const map = mapOf([
    clicksOf(document.createElement('a'), { clicks: 5, chain: 'a:text="Zeta"', rageClicks: 1 }),
    clicksOf(document.createElement('a'), { clicks: 12, chain: 'a:text="Alpha"', quality: 'near' }),
    clicksOf(document.createElement('a'), { clicks: 5, chain: 'button:text="Mid"', deadClicks: 4 }),
  ]);
  const rows = clickRows(map.elements, (clicks) => (clicks.chain.includes('Mid') ? ['Checkout'] : []));
  const order = (column: Parameters<typeof sortRows>[1]['column'], direction: 'ascending' | 'descending') => sortRows(rows, { column, direction }).map((row) => row.element);

  it.each<[Parameters<typeof sortRows>[1]['column'], 'ascending' | 'descending', string[]]>([
    ['clicks', 'descending', ['a "Alpha"', 'a "Zeta"', 'button "Mid"']], // ties keep the map's order
    ['clicks', 'ascending', ['a "Zeta"', 'button "Mid"', 'a "Alpha"']],
    ['element', 'ascending', ['a "Alpha"', 'a "Zeta"', 'button "Mid"']],
    ['rage', 'descending', ['a "Zeta"', 'a "Alpha"', 'button "Mid"']],
    ['dead', 'descending', ['button "Mid"', 'a "Alpha"', 'a "Zeta"']],
    ['quality', 'descending', ['a "Zeta"', 'button "Mid"', 'a "Alpha"']], // exact first
    ['actions', 'ascending', ['button "Mid"', 'a "Alpha"', 'a "Zeta"']], // rows with no action last
  ])('by %s, %s', (column, direction, expected) => {
    expect(order(column, direction)).toEqual(expected);
  });

  it('turns a column around on a second click, and starts another in its natural direction', () => {
    expect(nextSort({ column: 'clicks', direction: 'descending' }, 'clicks')).toEqual({ column: 'clicks', direction: 'ascending' });
    expect(nextSort({ column: 'clicks', direction: 'ascending' }, 'element')).toEqual({ column: 'element', direction: 'ascending' });
    expect(nextSort({ column: 'element', direction: 'ascending' }, 'rage')).toEqual({ column: 'rage', direction: 'descending' });
  });

  it('does not sort in place', () => {
    const before = rows.map((row) => row.element);
    sortRows(rows, { column: 'element', direction: 'descending' });
    expect(rows.map((row) => row.element)).toEqual(before);
  });
});
