import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createClickStats, STATS_CACHE_MS, statsQueryFor, tabClickRows, type StatsQuery } from '../../../src/background/clickStats';
import { createCaptureIntake } from '../../../src/capture/captureIntake';
import { forgetAllTabs, readTab } from '../../../src/capture/eventStore';
import { elementsToChain, parseElementsChain } from '../../../src/core/elements/elementsChain';
import { urlMatchesPattern, urlPatternToFilter } from '../../../src/core/heatmap/urlPattern';
import type { CapturedEvent } from '../../../src/core/wire';
import { ClickStats, type CapturedRequest, type StatsRange } from '../../../src/messaging/protocol';
import type { MessageContext } from '../../../src/messaging/router';
import type { SyncConnection } from '../../../src/sync/syncEngine';
import { startTestServer, type TestEvent, type TestServer } from '../project-api/testServer';

/**
 * `stats.get` in the background against the real local project API over HTTP, with the tab's own
 * events going through the real capture intake into the real per-tab buffer.
 */

const BUY = 'button.btn.primary:attr__class="btn primary"attr__id="buy"attr_id="buy"nth-child="2"nth-of-type="1"text="Buy";div.card:nth-child="1"nth-of-type="1"';
const NAV = 'a.nav:attr__href="/docs"href="/docs"nth-child="1"nth-of-type="1"text="Docs"';
const OLD = 'span:nth-child="1"nth-of-type="1"text="Old"';
const item = (n: number) => `li.item:nth-child="${n}"nth-of-type="${n}"text="Item ${n}";ul.list:nth-child="1"nth-of-type="1"`;

const SITE = 'https://shop.test';
const TAB = 5;
const hoursAgo = (hours: number, from = Date.now()) => new Date(from - hours * 3_600_000).toISOString();

let server: TestServer;
let project: SyncConnection | null;
let requests: string[];

function click(event: string, chain: string, url: string, timestamp: string): TestEvent {
  return { event, distinct_id: 'clicker', timestamp, properties: { $elements_chain: chain, $current_url: url, $process_person_profile: false } };
}

beforeAll(async () => {
  server = await startTestServer();
  const events: TestEvent[] = [
    ...Array.from({ length: 3 }, () => click('$autocapture', BUY, `${SITE}/product/1`, hoursAgo(1))),
    click('$autocapture', BUY, `${SITE}/product/2`, hoursAgo(2)),
    ...Array.from({ length: 2 }, () => click('$autocapture', NAV, `${SITE}/`, hoursAgo(3))),
    click('$rageclick', BUY, `${SITE}/product/1`, hoursAgo(1)),
    click('$dead_click', NAV, `${SITE}/product/1`, hoursAgo(1)),
    click('$autocapture', NAV, `${SITE}/product/1`, hoursAgo(30)),
    click('$autocapture', OLD, `${SITE}/product/1`, hoursAgo(24 * 10)),
    // Five list items, 5…1 clicks each, on their own page: pagination.
    ...[1, 2, 3, 4, 5].flatMap((n) => Array.from({ length: 6 - n }, () => click('$autocapture', item(n), `${SITE}/list`, hoursAgo(1)))),
    { event: '$pageview', distinct_id: 'clicker', timestamp: hoursAgo(1), properties: { $current_url: `${SITE}/product/1` } },
  ];
  expect((await server.capture(events)).status).toBe(200);
});
afterAll(() => server.stop());

beforeEach(async () => {
  fakeBrowser.reset();
  await forgetAllTabs();
  project = { host: server.api.url, apiKey: server.api.apiKey, projectId: server.api.projectId };
  requests = [];
});

function clickStats(options: { now?: () => number; pageSize?: number; maxPages?: number } = {}) {
  return createClickStats({
    connection: async () => project,
    readEvents: async (tabId) => (await readTab(tabId)).events,
    fetch: (input, init) => {
      requests.push(String(input));
      return fetch(input, init);
    },
    ...options,
  });
}

const query = (pattern: string, range: StatsRange = { preset: '7d' }, include: StatsQuery['include'] = ['$autocapture']): StatsQuery => ({
  tabId: TAB,
  pattern,
  range,
  include,
});

/** Checks the answer against the protocol's schema (the contract of the rows) and sums it up. */
function summary(answer: ClickStats): string[] {
  expect(ClickStats.parse(answer)).toEqual(answer);
  const rows = answer.state === 'ok' ? answer.rows : (answer.fallback?.rows ?? []);
  return rows.map((row) => `${row.type} ${row.elements[0]?.text} ${row.count}`);
}

/** The tab's own events as the page's SDK sent them, through the capture intake. */
async function tabSent(events: Array<Omit<CapturedEvent, 'timestamp'> & { timestamp?: string }>): Promise<void> {
  const request: CapturedRequest = {
    id: crypto.randomUUID(),
    url: `${SITE}/e/`,
    method: 'POST',
    contentType: 'application/json',
    transport: 'fetch',
    sentAt: Date.now(),
    body: { kind: 'text', text: JSON.stringify({ api_key: 'phc_test', batch: events.map((event) => ({ uuid: crypto.randomUUID(), timestamp: new Date().toISOString(), ...event })) }) },
  };
  await createCaptureIntake().ingest(TAB, [request]);
}

const tabClick = (event: string, chain: string, url: string, timestamp?: string) => ({
  event,
  properties: { distinct_id: 'me', $current_url: url, $elements_chain: chain },
  ...(timestamp && { timestamp }),
});

describe('stats.get from the project', () => {
  it.each([
    ['an exact page', `${SITE}/product/1`, ['$autocapture Buy 3', '$autocapture Docs 1']],
    ['a wildcard', `${SITE}/product/*`, ['$autocapture Buy 4', '$autocapture Docs 1']],
    // Docs on two pages: one chain, one row.
    ['a wildcard over the whole site', `${SITE}/*`, ['$autocapture Item 1 5', '$autocapture Buy 4', '$autocapture Item 2 4', '$autocapture Docs 3', '$autocapture Item 3 3', '$autocapture Item 4 2', '$autocapture Item 5 1']],
    ['a page nobody clicked on', `${SITE}/nothing`, []],
  ])('%s', async (_, pattern, expected) => {
    const answer = await clickStats().get(query(pattern));
    expect(answer).toMatchObject({ state: 'ok', source: 'project', pattern, truncated: false, projectId: server.api.projectId });
    // Equal counts come most recent first; several here were clicked at the same time.
    expect(summary(answer).sort()).toEqual([...expected].sort());
    const counts = summary(answer).map((row) => Number(row.split(' ').at(-1)));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('returns the elements of each row as the contract has them', async () => {
    const answer = await clickStats().get(query(`${SITE}/product/2`));
    expect(answer.state === 'ok' && answer.rows).toEqual([{ count: 1, type: '$autocapture', elements: parseElementsChain(BUY) }]);
    expect(answer.state === 'ok' && elementsToChain(answer.rows[0]!.elements)).toBe(BUY);
  });

  it.each([
    ['24h', { preset: '24h' }, ['$autocapture Buy 3']],
    ['7d', { preset: '7d' }, ['$autocapture Buy 3', '$autocapture Docs 1']],
    ['30d', { preset: '30d' }, ['$autocapture Buy 3', '$autocapture Docs 1', '$autocapture Old 1']],
    ['a custom range of dates', { from: hoursAgo(24 * 12).slice(0, 10), to: hoursAgo(24 * 8).slice(0, 10) }, ['$autocapture Old 1']],
    ['a custom range of date-times', { from: hoursAgo(36), to: hoursAgo(12) }, ['$autocapture Docs 1']],
  ] as const)('range %s', async (_, range, expected) => {
    expect(summary(await clickStats().get(query(`${SITE}/product/1`, range)))).toEqual(expected);
  });

  it.each([
    [['$rageclick'], ['$rageclick Buy 1']],
    [['$dead_click'], ['$dead_click Docs 1']],
    [['$autocapture', '$rageclick', '$dead_click'], ['$autocapture Buy 3', '$autocapture Docs 1', '$dead_click Docs 1', '$rageclick Buy 1']],
  ] as const)('include %j', async (include, expected) => {
    const answer = await clickStats().get(query(`${SITE}/product/1`, { preset: '7d' }, include));
    expect(summary(answer).sort()).toEqual([...expected].sort());
    expect(new URL(requests[0]!).searchParams.getAll('include')).toEqual(include);
  });

  it('follows next across pages, and says truncated when it stopped early', async () => {
    const all = await clickStats({ pageSize: 2 }).get(query(`${SITE}/list`));
    expect(summary(all)).toEqual(['$autocapture Item 1 5', '$autocapture Item 2 4', '$autocapture Item 3 3', '$autocapture Item 4 2', '$autocapture Item 5 1']);
    expect(all).toMatchObject({ truncated: false });
    expect(requests.map((url) => new URL(url).searchParams.get('offset'))).toEqual([null, '2', '4']);
    expect(new URL(requests[0]!).searchParams.get('paginate_response')).toBe('true');

    requests = [];
    const cut = await clickStats({ pageSize: 2, maxPages: 2 }).get(query(`${SITE}/list`));
    expect(summary(cut)).toHaveLength(4);
    expect(cut).toMatchObject({ state: 'ok', truncated: true });
    expect(requests).toHaveLength(2);
  });

  it('reuses an answer for 60 s per pattern, range and kinds; refresh asks again', async () => {
    let clock = Date.now();
    const stats = clickStats({ now: () => clock });
    const first = await stats.get(query(`${SITE}/product/1`));
    expect(await stats.get(query(`${SITE}/product/1`))).toEqual(first);
    expect(await stats.get({ ...query(`${SITE}/product/1`), include: ['$autocapture'] })).toEqual(first);
    expect(requests).toHaveLength(1);

    await stats.get(query(`${SITE}/product/1`, { preset: '30d' }));
    await stats.get(query(`${SITE}/product/1`, { preset: '7d' }, ['$autocapture', '$rageclick']));
    await stats.get(query(`${SITE}/product/*`));
    expect(requests).toHaveLength(4);
    // The kinds in another order are the same question.
    await stats.get(query(`${SITE}/product/1`, { preset: '7d' }, ['$rageclick', '$autocapture']));
    expect(requests).toHaveLength(4);

    const refreshed = await stats.get({ ...query(`${SITE}/product/1`), refresh: true });
    expect(requests).toHaveLength(5);
    expect(refreshed.state === 'ok' && refreshed.fetchedAt).toBe(clock);

    clock += STATS_CACHE_MS - 1;
    await stats.get(query(`${SITE}/product/1`));
    expect(requests).toHaveLength(5);
    clock += 2;
    await stats.get(query(`${SITE}/product/1`));
    expect(requests).toHaveLength(6);
  });

  it('asks once for the same question asked twice at once', async () => {
    const stats = clickStats();
    const [a, b] = await Promise.all([stats.get(query(`${SITE}/`)), stats.get(query(`${SITE}/`))]);
    expect(a).toEqual(b);
    expect(requests).toHaveLength(1);
  });

  it('keeps another project’s answers apart', async () => {
    const stats = clickStats();
    await stats.get(query(`${SITE}/product/1`));
    project = { ...project!, projectId: 999 };
    expect(await stats.get(query(`${SITE}/product/1`))).toMatchObject({ state: 'error' });
    expect(requests).toHaveLength(2);
  });
});

describe('stats.get when the project fails', () => {
  beforeEach(async () => {
    await tabSent([tabClick('$autocapture', BUY, `${SITE}/product/1`), tabClick('$autocapture', BUY, `${SITE}/product/1`)]);
  });

  it.each([
    ['a key without element:read', () => ({ apiKey: server.api.createApiKey(['action:read']) }), 'forbidden', 'Key lacks element:read'],
    ['a rejected key', () => ({ apiKey: 'phx_not_a_real_key' }), 'unauthorized', 'The project API rejected the key (401): check it in Settings'],
    ['an unknown project', () => ({ projectId: 999 }), 'not_found', 'Project 999 not found on 127.0.0.1:'],
    ['an unreachable host', () => ({ host: 'http://127.0.0.1:9' }), 'unreachable', 'Offline: 127.0.0.1:9 is unreachable'],
  ])('%s: the problem in words, the tab’s rows as the fallback', async (_, change, kind, problem) => {
    project = { ...project!, ...change() };
    const answer = await clickStats().get(query(`${SITE}/product/1`));
    expect(answer).toMatchObject({ state: 'error', kind, pattern: `${SITE}/product/1`, fallback: { source: 'tab' } });
    expect(answer.state === 'error' && answer.problem).toContain(problem);
    expect(answer.state === 'error' && answer.detail).toContain('/element/stats/');
    expect(summary(answer)).toEqual(['$autocapture Buy 2']);
  });

  it('does not remember a failure', async () => {
    const stats = clickStats();
    const good = project!;
    project = { ...good, apiKey: 'phx_not_a_real_key' };
    expect(await stats.get(query(`${SITE}/product/1`))).toMatchObject({ state: 'error' });
    project = good;
    expect(await stats.get(query(`${SITE}/product/1`))).toMatchObject({ state: 'ok', source: 'project' });
  });

  it('without a connection, answers with the tab’s own clicks', async () => {
    project = null;
    const answer = await clickStats().get(query(`${SITE}/product/*`));
    expect(answer).toMatchObject({ state: 'ok', source: 'tab', truncated: false });
    expect(summary(answer)).toEqual(['$autocapture Buy 2']);
    expect(requests).toEqual([]);
  });

  it('without a connection or a tab, says so', async () => {
    project = null;
    expect(await clickStats().get({ ...query(`${SITE}/`), tabId: null })).toMatchObject({ state: 'error', kind: 'not-connected' });
  });

  // Last: the pause stays on the project's request gate, shared by the whole background.
  it('rate limited: says when it will try again, and sends nothing before then', async () => {
    server.api.faults.set({ rates: { rateLimit: 1 }, retryAfterSeconds: 30, paths: '^/api/projects/[^/]+/element' });
    try {
      const stats = clickStats();
      const answer = await stats.get(query(`${SITE}/product/1`));
      expect(answer).toMatchObject({ state: 'error', kind: 'rate_limited', problem: 'Rate limited, retrying in 30 s', fallback: { source: 'tab' } });
      expect(answer.state === 'error' && answer.retryAt! - Date.now()).toBeGreaterThan(29_000);
      const again = await stats.get({ ...query(`${SITE}/product/1`), refresh: true });
      expect(again).toMatchObject({ state: 'error', kind: 'rate_limited', problem: expect.stringMatching(/^Rate limited, retrying in (29|30) s$/) });
      expect(requests).toHaveLength(1);
    } finally {
      server.api.faults.clear();
    }
  });
});

describe('tabClickRows', () => {
  const NOW = Date.parse('2026-03-10T12:00:00Z');
  const at = (hours: number) => hoursAgo(hours, NOW);
  const event = (name: string, properties: Record<string, unknown>, timestamp = at(1)): CapturedEvent => ({ event: name, properties, timestamp });
  const on = (url: string, chain: string, name = '$autocapture', timestamp?: string) => event(name, { $current_url: url, $elements_chain: chain }, timestamp);
  const sdkButton = [
    { tag_name: 'button', $el_text: 'Buy', attr__class: 'btn primary', attr__id: 'buy', nth_child: 2, nth_of_type: 1 },
    { tag_name: 'div', attr__class: 'card', nth_child: 1, nth_of_type: 1 },
  ];
  /** What posthog-js 1.449 sends as the chain of that same click. */
  const SDK_BUY = 'button.btn.primary:attr__class="btn primary"attr__id="buy"attr_id="buy"nth-child="2"nth-of-type="1"text="Buy";div.card:attr__class="card"nth-child="1"nth-of-type="1"';
  const rows = (events: CapturedEvent[], pattern: string, range: StatsRange = { preset: '7d' }, include = ['$autocapture', '$rageclick', '$dead_click']) =>
    tabClickRows(events, { pattern, range, include }, NOW).map((row) => `${row.type} ${row.elements[0]?.text} ${row.count}`);

  it.each([
    ['counts each (event, chain), most first', [on(`${SITE}/a`, BUY), on(`${SITE}/a`, NAV), on(`${SITE}/a`, NAV), on(`${SITE}/a`, BUY, '$rageclick')], `${SITE}/a`, ['$autocapture Docs 2', '$autocapture Buy 1', '$rageclick Buy 1']],
    ['equal counts: the most recent first', [on(`${SITE}/a`, BUY, '$autocapture', at(5)), on(`${SITE}/a`, NAV, '$autocapture', at(2))], `${SITE}/a`, ['$autocapture Docs 1', '$autocapture Buy 1']],
    ['only the pattern’s pages', [on(`${SITE}/a`, BUY), on(`${SITE}/a?x=1`, BUY), on(`${SITE}/b`, BUY)], `${SITE}/a`, ['$autocapture Buy 1']],
    ['a wildcard takes the query too', [on(`${SITE}/a`, BUY), on(`${SITE}/a?x=1`, BUY), on(`${SITE}/b`, BUY)], `${SITE}/a*`, ['$autocapture Buy 2']],
    ['only click kinds, with a chain', [on(`${SITE}/a`, BUY, '$pageview'), on(`${SITE}/a`, ''), event('$autocapture', { $current_url: `${SITE}/a` })], `${SITE}/a`, []],
    ['$elements when there is no chain, as ingestion writes it', [event('$autocapture', { $current_url: `${SITE}/a`, $elements: sdkButton }), on(`${SITE}/a`, SDK_BUY)], `${SITE}/a`, ['$autocapture Buy 2']],
    ['only within the range', [on(`${SITE}/a`, BUY, '$autocapture', at(24 * 8)), on(`${SITE}/a`, NAV, '$autocapture', at(24 * 6))], `${SITE}/a`, ['$autocapture Docs 1']],
  ])('%s', (_, events, pattern, expected) => {
    expect(rows(events, pattern)).toEqual(expected);
  });

  it.each([
    ['24h', { preset: '24h' }, ['$autocapture Buy 1']],
    ['30d', { preset: '30d' }, ['$autocapture Buy 1', '$autocapture Docs 1', '$autocapture Old 1']],
    ['dates (whole days, to inclusive)', { from: '2026-03-01', to: '2026-03-08' }, ['$autocapture Docs 1']],
    ['date-times', { from: at(30), to: at(2) }, ['$autocapture Buy 1']],
  ] as const)('range %s', (_, range, expected) => {
    const events = [on(`${SITE}/a`, BUY, '$autocapture', at(3)), on(`${SITE}/a`, NAV, '$autocapture', at(24 * 3)), on(`${SITE}/a`, OLD, '$autocapture', at(24 * 20))];
    expect(rows(events, `${SITE}/a`, range)).toEqual(expected);
  });

  it('only the kinds asked for', () => {
    const events = [on(`${SITE}/a`, BUY), on(`${SITE}/a`, BUY, '$rageclick'), on(`${SITE}/a`, NAV, '$dead_click')];
    expect(rows(events, `${SITE}/a`, { preset: '7d' }, ['$dead_click'])).toEqual(['$dead_click Docs 1']);
  });

  it('rows parse as the chain they came from', () => {
    const [row] = tabClickRows([on(`${SITE}/a`, BUY)], { pattern: `${SITE}/a`, range: { preset: '7d' }, include: ['$autocapture'] }, NOW);
    expect(elementsToChain(row!.elements)).toBe(BUY);
  });
});

describe('statsQueryFor', () => {
  const request = { range: { preset: '7d' as const }, include: ['$autocapture' as const] };
  const overlay = (tabId: number, senderUrl = `${SITE}/product/1?ref=x#top`): MessageContext => ({ senderClass: 'overlay', tabId, frameId: 0, documentId: null, senderUrl });
  const extension: MessageContext = { senderClass: 'extension', tabId: null, frameId: null, documentId: null, senderUrl: 'chrome-extension://x/popup.html' };

  it('refuses an overlay where the background does not find the inspector open', async () => {
    await expect(statsQueryFor(request, overlay(TAB))).rejects.toThrow('only the inspector overlay may send this');
  });

  it('refuses an overlay asking about another tab', async () => {
    await expect(statsQueryFor({ ...request, tabId: TAB + 1 }, overlay(TAB))).rejects.toThrow('its own tab');
  });

  it('takes an extension page’s tab and that tab’s page without query and hash', async () => {
    const tab = await fakeBrowser.tabs.create({ url: `${SITE}/product/1?ref=x#top` });
    expect(await statsQueryFor({ ...request, tabId: tab.id }, extension)).toEqual({ tabId: tab.id, pattern: `${SITE}/product/1`, ...request, refresh: undefined });
    expect(await statsQueryFor({ ...request, tabId: tab.id, pattern: `${SITE}/*` }, extension)).toMatchObject({ pattern: `${SITE}/*` });
    expect(await statsQueryFor({ ...request, pattern: `${SITE}/*` }, extension)).toMatchObject({ tabId: null, pattern: `${SITE}/*` });
    await expect(statsQueryFor(request, extension)).rejects.toThrow('name a page pattern');
  });
});

describe('urlPattern', () => {
  it.each([
    ['https://shop.test/a', 'exact', 'https://shop.test/a'],
    ['https://shop.test/product/*', 'regex', '^https://shop\\.test/product/.*$'],
    ['https://shop.test/?q=(a|b)+*', 'regex', '^https://shop\\.test/\\?q=\\(a\\|b\\)\\+.*$'],
  ])('%s → %s %s', (pattern, operator, value) => {
    expect(urlPatternToFilter(pattern)).toEqual({ key: '$current_url', value, operator, type: 'event' });
  });

  it.each([
    ['https://shop.test/product/*', 'https://shop.test/product/1', true],
    ['https://shop.test/product/*', 'https://shop.test/product/', true],
    ['https://shop.test/product/*', 'https://shopXtest/product/1', false],
    ['https://shop.test/product/*', 'https://shop.test/products/1', false],
    ['https://shop.test/product/*', 'https://evil.test/?https://shop.test/product/1', false],
    ['*/cart', 'https://shop.test/cart', true],
    ['https://shop.test/a', 'https://shop.test/a?x=1', false],
  ])('%s matches %s: %s', (pattern, url, matches) => {
    expect(urlMatchesPattern(url, pattern)).toBe(matches);
  });
});
