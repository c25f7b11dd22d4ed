import { expect, test } from '@playwright/test';
import { StoredData } from '../e2e/support/demoSite';
import { createAction } from '../e2e/support/projectActions';
import { startStack, type Stack } from '../e2e/support/stack';
import { HeatmapPage } from './pages/heatmap';
import { InspectorPage } from './pages/inspector';
import { PopupPage } from './pages/popup';
import { connectToStack } from './support/connect';
import { launchFirefoxExtension, screenshot, type FirefoxExtension } from './support/firefox';
import { setViewportSize, waitUntil } from './support/pageActions';

/**
 * Heatmap mode in Firefox: the same flow as test/e2e/heatmap.spec.ts — real posthog-js clicks the
 * landing page's integrations list (only nth-child tells its Connect buttons apart), and the
 * overlay's heatmap shows those counts on those elements, first from the tab's own events
 * ("This tab only"), then from the local project API's element stats.
 */

test.describe.configure({ mode: 'serial' });

let stack: Stack;
let extension: FirefoxExtension;
let stored: StoredData;

test.beforeAll(async () => {
  stack = await startStack();
  extension = await launchFirefoxExtension();
  stored = new StoredData(stack.api);
});

test.afterAll(async () => {
  await extension?.close();
  await stack?.close();
});

const ROW = (row: number) => `nth-child="${row}"nth-of-type="${row}";ul.integration-list`;
const CONNECT = (row: number) => `.integration-list > li:nth-child(${row}) button`;

async function waitForListClicks(event: '$autocapture' | '$rageclick', count: number): Promise<void> {
  await expect
    .poll(async () => (await stored.events({ event })).filter((stored) => stored.elements_chain.includes(';ul.integration-list')).length, { timeout: 20_000 })
    .toBe(count);
}

async function openSiteWithHeatmap(): Promise<{ page: import('puppeteer-core').Page; inspector: InspectorPage; heatmap: HeatmapPage; tabId: number }> {
  const { page, tabId } = await extension.openSite(new URL('/', stack.demo.url).href);
  await setViewportSize(page, 1600, 900);
  await page.waitForFunction(() => !!document.querySelector('[data-testid="whoami-distinct-id"]')?.textContent);
  const inspector = new InspectorPage(page);
  return { page, inspector, heatmap: new HeatmapPage(page, inspector), tabId };
}

async function openInspector(opened: Awaited<ReturnType<typeof openSiteWithHeatmap>>): Promise<PopupPage> {
  const popup = await PopupPage.open(extension, opened.tabId);
  await popup.toggleInspector('open');
  await opened.page.bringToFront();
  await opened.inspector.waitOpen();
  return popup;
}

/** The label sits on its element: at its top-left corner, above or inside it. */
async function expectOnElement(page: import('puppeteer-core').Page, label: { box: { x: number; y: number; height: number } }, selector: string): Promise<void> {
  const box = (await (await page.$(selector))!.boundingBox())!;
  expect(label.box.x).toBeGreaterThan(box.x - 2);
  expect(label.box.x).toBeLessThan(box.x + 114);
  expect(label.box.y).toBeGreaterThanOrEqual(box.y - label.box.height - 3);
  expect(label.box.y).toBeLessThanOrEqual(box.y + box.height + 3);
}

test('without a connection: the tab’s own clicks, “This tab only”', async () => {
  const opened = await openSiteWithHeatmap();
  const { page, inspector, heatmap } = opened;
  await page.bringToFront();
  await page.click(CONNECT(2));
  await page.click(CONNECT(2));
  await page.click(CONNECT(3));
  await waitForListClicks('$autocapture', 3);
  const popup = await openInspector(opened);

  await heatmap.toggle();
  await inspector.waitAttribute('heatmap-source', 'data-source', 'tab');
  expect(await inspector.text('heatmap-source')).toContain('This tab only');
  await expectOnElement(page, await heatmap.waitLabel(ROW(2), { count: 2, rank: 1 }), CONNECT(2));
  await expectOnElement(page, await heatmap.waitLabel(ROW(3), { count: 1, rank: 2 }), CONNECT(3));
  expect(await heatmap.labels(ROW(1))).toEqual([]);
  await screenshot(page, 'heatmap/tab-only', { fullPage: false });
  await popup.page.close();
  await page.close();
});

test('connected: the project’s stats on the right list items, the table sorted, a row click scrolls, the element panel', async () => {
  await createAction(stack.api, { name: 'Connected an integration', steps: [{ event: '$autocapture', text: 'Connect', text_matching: 'exact' }] });
  await connectToStack(extension, stack);
  const opened = await openSiteWithHeatmap();
  const { page, inspector, heatmap } = opened;
  await page.bringToFront();
  await page.click(CONNECT(2));
  await page.click(CONNECT(2));
  await page.click(CONNECT(4));
  // Three quick clicks on one spot: a rage click too.
  await page.click(CONNECT(5));
  await page.click(CONNECT(5));
  await page.click(CONNECT(5));
  await waitForListClicks('$autocapture', 3 + 6);
  await waitForListClicks('$rageclick', 1);
  const popup = await openInspector(opened);

  await heatmap.toggle();
  await inspector.waitAttribute('heatmap-source', 'data-source', 'project');
  expect(await inspector.text('heatmap-source')).toContain(`Project ${stack.api.projectId} · last 7 days`);
  await expectOnElement(page, await heatmap.waitLabel(ROW(2), { count: 4, rank: 1, rage: 0 }), CONNECT(2));
  await expectOnElement(page, await heatmap.waitLabel(ROW(5), { count: 3, rank: 2, rage: 1 }), CONNECT(5));
  await heatmap.waitLabel(ROW(3), { count: 1, rank: 3 });
  await heatmap.waitLabel(ROW(4), { count: 1, rank: 3 });
  expect(await heatmap.labels(ROW(1))).toEqual([]);
  await inspector.waitAttribute('heatmap-summary', 'data-mapped', '9');
  await screenshot(page, 'heatmap/page', { fullPage: false });

  await inspector.click('heatmap-view-table');
  await heatmap.waitRowCounts([4, 3, 1, 1]);
  // Every Connect button's click belongs to the project's action (its text, as the server matches it).
  await waitUntil(
    page,
    () =>
      [...(document.querySelector('actionlens-inspector')?.shadowRoot?.querySelectorAll('[data-testid="heatmap-row"] td.actions') ?? [])].every((cell) => cell.textContent === 'Connected an integration'),
    null,
    { what: 'the actions column' },
  );
  await inspector.click('heatmap-sort-clicks');
  await heatmap.waitRowCounts([1, 1, 3, 4]);
  await inspector.waitAttribute('heatmap-table', 'data-direction', 'ascending');
  await screenshot(page, 'heatmap/table', { fullPage: false });

  await page.evaluate(() => window.scrollTo(0, 0));
  await heatmap.clickRow(ROW(5));
  await waitUntil(
    page,
    (selector) => {
      const box = document.querySelector(selector)!.getBoundingClientRect();
      return box.top > 0 && box.bottom < window.innerHeight;
    },
    CONNECT(5),
    { what: 'row 5 scrolled into view' },
  );
  await inspector.waitBox('inspector-pin-box', true);
  await inspector.waitAttribute('panel-clicks', 'data-count', '3');
  expect(await inspector.attribute('panel-clicks', 'data-rage')).toBe('1');
  expect(await inspector.attribute('panel-clicks', 'data-rank')).toBe('2');
  await screenshot(page, 'heatmap/row-revealed', { fullPage: false });
  await popup.page.close();
  await page.close();
});
