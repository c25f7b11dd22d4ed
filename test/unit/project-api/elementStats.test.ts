import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { urlPatternToFilter } from '../../../src/core/heatmap/urlPattern';
import { startTestServer, type TestEvent, type TestServer } from './testServer';

let server: TestServer;

const BUY = 'button.btn.primary:attr__class="btn primary"attr__id="buy"attr_id="buy"nth-child="2"nth-of-type="1"text="Buy";div.card:nth-child="1"nth-of-type="1"';
const NAV = 'a.nav:attr__href="/docs"href="/docs"nth-child="1"nth-of-type="1"text="Docs"';
const OLD = 'span:nth-child="1"nth-of-type="1"text="Old"';
const PRICING = 'https://shop.test/pricing';
const HOME = 'https://shop.test/';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

function click(event: string, chain: string, url: string, timestamp: string): TestEvent {
  return { event, distinct_id: 'clicker', timestamp, properties: { $elements_chain: chain, $current_url: url, $process_person_profile: false } };
}

beforeAll(async () => {
  server = await startTestServer();
  const events: TestEvent[] = [
    ...Array.from({ length: 3 }, () => click('$autocapture', BUY, PRICING, hoursAgo(1))),
    click('$autocapture', BUY, HOME, hoursAgo(2)),
    ...Array.from({ length: 2 }, () => click('$autocapture', NAV, HOME, hoursAgo(3))),
    click('$rageclick', BUY, PRICING, hoursAgo(1)),
    click('$dead_click', NAV, PRICING, hoursAgo(1)),
    click('$autocapture', OLD, PRICING, hoursAgo(24 * 10)),
    { event: '$pageview', distinct_id: 'clicker', timestamp: hoursAgo(1), properties: { $current_url: PRICING } },
  ];
  expect((await server.capture(events)).status).toBe(200);
});
afterAll(() => server.stop());

async function stats(query: string) {
  const res = await server.call('GET', `/api/projects/1/element/stats/?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** The filter, date and page tests count two kinds, as before `$dead_click` joined the default. */
const TWO_KINDS = 'include=$autocapture&include=$rageclick';

const summary = (rows: { count: number; type: string; elements: { text: string | null }[] }[]) =>
  rows.map((r) => `${r.type} ${r.elements[0]?.text} ${r.count}`);

describe('element stats', () => {
  it('groups by (chain, event), most frequent first; without include it counts all three kinds', async () => {
    const rows = await stats('');
    expect(Array.isArray(rows)).toBe(true);
    expect(summary(rows).slice(0, 2)).toEqual(['$autocapture Buy 4', '$autocapture Docs 2']);
    expect(summary(rows).slice(2).sort()).toEqual(['$dead_click Docs 1', '$rageclick Buy 1']);
    expect(rows[0]).toEqual({
      count: 4,
      hash: null,
      type: '$autocapture',
      elements: [
        {
          text: 'Buy',
          tag_name: 'button',
          attr_class: ['btn', 'primary'],
          href: null,
          attr_id: 'buy',
          nth_child: 2,
          nth_of_type: 1,
          attributes: { attr__class: 'btn primary', attr__id: 'buy' },
          order: 0,
        },
        { text: null, tag_name: 'div', attr_class: ['card'], href: null, attr_id: null, nth_child: 1, nth_of_type: 1, attributes: {}, order: 1 },
      ],
    });
  });

  it.each([
    ['include=$dead_click', ['$dead_click Docs 1']],
    ['include=$rageclick&include=$dead_click', ['$dead_click Docs 1', '$rageclick Buy 1']],
    ['include=$autocapture,$dead_click', ['$autocapture Buy 4', '$autocapture Docs 2', '$dead_click Docs 1']],
    ['include=["$rageclick","$autocapture"]', ['$autocapture Buy 4', '$autocapture Docs 2', '$rageclick Buy 1']],
    ['include=$autocapture&include=$rageclick&include=$dead_click', ['$autocapture Buy 4', '$autocapture Docs 2', '$dead_click Docs 1', '$rageclick Buy 1']],
  ])('%s', async (query, expected) => {
    // Equal counts come most recent first; these were all 1 h ago, so compare as sets.
    expect(summary(await stats(query)).sort()).toEqual([...expected].sort());
  });

  it.each([
    ['exact', [{ key: '$current_url', value: PRICING, operator: 'exact', type: 'event' }], ['$autocapture Buy 3', '$rageclick Buy 1']],
    ['exact with a list', [{ key: '$current_url', value: [PRICING, 'https://nope.test'], operator: 'exact', type: 'event' }], ['$autocapture Buy 3', '$rageclick Buy 1']],
    ['icontains', [{ key: '$current_url', value: 'SHOP.TEST/', operator: 'icontains', type: 'event' }], ['$autocapture Buy 4', '$autocapture Docs 2', '$rageclick Buy 1']],
    ['regex', [{ key: '$current_url', value: '^https://shop\\.test/$', operator: 'regex', type: 'event' }], ['$autocapture Docs 2', '$autocapture Buy 1']],
    ['is_not', [{ key: '$current_url', value: PRICING, operator: 'is_not' }], ['$autocapture Docs 2', '$autocapture Buy 1']],
    ['an AND group', { type: 'AND', values: [{ key: '$current_url', value: HOME, operator: 'exact' }] }, ['$autocapture Docs 2', '$autocapture Buy 1']],
    ['the legacy object form', { $current_url__icontains: 'pricing' }, ['$autocapture Buy 3', '$rageclick Buy 1']],
  ])('filters on $current_url: %s', async (_name, properties, expected) => {
    expect(summary(await stats(`properties=${encodeURIComponent(JSON.stringify(properties))}&${TWO_KINDS}`))).toEqual(expected);
  });

  it.each([
    // Equal counts: the most recently clicked first.
    ['date_from=-30d', ['$autocapture Buy 4', '$autocapture Docs 2', '$rageclick Buy 1', '$autocapture Old 1']],
    ['date_from=all', ['$autocapture Buy 4', '$autocapture Docs 2', '$rageclick Buy 1', '$autocapture Old 1']],
    [`date_from=${hoursAgo(2.5)}`, ['$autocapture Buy 4', '$rageclick Buy 1']],
    [`date_from=-30d&date_to=${hoursAgo(24 * 5)}`, ['$autocapture Old 1']],
    [`date_from=${hoursAgo(24 * 12).slice(0, 10)}&date_to=${hoursAgo(24 * 9).slice(0, 10)}`, ['$autocapture Old 1']],
  ])('date range %s', async (query, expected) => {
    expect(summary(await stats(`${query}&${TWO_KINDS}`))).toEqual(expected);
  });

  it('paginate_response=true answers {results, next, previous} with full-URL links', async () => {
    const first = await stats(`paginate_response=true&limit=2&date_from=-30d&${TWO_KINDS}`);
    expect(summary(first.results)).toEqual(['$autocapture Buy 4', '$autocapture Docs 2']);
    expect(first.previous).toBeNull();
    const next = new URL(first.next);
    expect(next.origin).toBe(server.api.url);
    expect(next.searchParams.get('offset')).toBe('2');
    expect(next.searchParams.get('date_from')).toBe('-30d');
    const second = await stats(next.search.slice(1));
    expect(summary(second.results)).toEqual(['$rageclick Buy 1', '$autocapture Old 1']);
    expect(second.next).toBeNull();
    expect(new URL(second.previous).searchParams.get('offset')).toBe('0');
  });

  it.each([
    ['properties=not-json', 'properties'],
    [`properties=${encodeURIComponent('[{"key":"$current_url","value":"x","operator":"sounds_like"}]')}`, 'properties__0__operator'],
    [`properties=${encodeURIComponent('[{"key":"$current_url","operator":"exact"}]')}`, 'properties__0__value'],
    ['include=$pageview', 'include__0'],
    [`include=${encodeURIComponent('["$autocapture"')}`, 'include'],
    [`include=${encodeURIComponent('[1]')}`, 'include'],
    ['date_from=last-tuesday', 'date_from'],
    ['limit=0', 'limit'],
    ['offset=-1', 'offset'],
  ])('400 naming the bad parameter for %s', async (query, attr) => {
    const res = await server.call('GET', `/api/projects/1/element/stats/?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: 'validation_error', attr });
  });
});

describe('element stats for a page pattern (urlPatternToFilter)', () => {
  const CARD = 'a.card:attr__href="/product/1"href="/product/1"nth-child="1"nth-of-type="1"text="One"';
  beforeAll(async () => {
    const urls = ['https://shop.test/product/1', 'https://shop.test/product/2?ref=home', 'https://shopXtest/product/3', 'https://shop.test/products', 'https://shop.test/product'];
    expect((await server.capture(urls.map((url) => click('$autocapture', CARD, url, hoursAgo(0.5))))).status).toBe(200);
  });

  it.each([
    ['https://shop.test/product/*', 2],
    ['https://shop.test/product*', 4],
    ['https://shop.test/product/1', 1],
    ['https://shop.test/product/2?ref=home', 1],
    ['*/product/*', 3],
  ])('%s counts %i clicks', async (pattern, count) => {
    const properties = encodeURIComponent(JSON.stringify([urlPatternToFilter(pattern)]));
    const page = await stats(`properties=${properties}&include=$autocapture&paginate_response=true`);
    expect(page.results.filter((row: { elements: { text: string | null }[] }) => row.elements[0]?.text === 'One').map((row: { count: number }) => row.count)).toEqual([count]);
  });
});
