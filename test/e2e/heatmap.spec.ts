import { expect, test } from '@playwright/test';
import { HeatmapPage, type HeatLabel } from './pages/heatmap';
import { InspectorPage } from './pages/inspector';
import { PopupPage } from './pages/popup';
import { connectToStack } from './support/connect';
import { createAction } from './support/projectActions';
import { DemoSitePage, StoredData } from './support/demoSite';
import { launchExtension, tabIdOf, type LoadedExtension } from './support/extension';
import { screenshot } from './support/screenshots';
import { startStack, type Stack } from './support/stack';

/**
 * Heatmap mode on the demo site: real posthog-js clicks the landing page's integrations list
 * (the same Connect button on every row: only the row's nth-child tells the clicks apart), the
 * events reach the real local project API, and the overlay's heatmap must show exactly those
 * counts on exactly those elements — first from the tab's own events without a connection, then
 * from the project's element stats.
 */

test.describe.configure({ mode: 'serial' });

let stack: Stack;
let extension: LoadedExtension;
let stored: StoredData;

test.beforeAll(async () => {
  stack = await startStack();
  extension = await launchExtension();
  stored = new StoredData(stack.api);
});

test.afterAll(async () => {
  await extension?.close();
  await stack?.close();
});

/** The integrations row `row` (from 1) in an elements chain: only its position names it. */
/** Wide enough that the docked panel leaves the list in view. */
const VIEWPORT = { width: 1600, height: 900 };

const ROW = (row: number) => `nth-child="${row}"nth-of-type="${row}";ul.integration-list`;

async function openInspectorOn(site: DemoSitePage): Promise<{ inspector: InspectorPage; heatmap: HeatmapPage; popup: PopupPage }> {
  const inspector = new InspectorPage(site.page);
  const popup = await PopupPage.open(extension, await tabIdOf(extension, site.page.url()));
  await popup.toggleInspector('open');
  await site.page.bringToFront();
  await inspector.waitOpen();
  return { inspector, heatmap: new HeatmapPage(inspector), popup };
}

/** Clicks the SDK sent on the integrations list, as the project API stored them. */
async function waitForListClicks(event: '$autocapture' | '$rageclick', count: number): Promise<void> {
  await expect
    .poll(async () => (await stored.events({ event })).filter((stored) => stored.elements_chain.includes(';ul.integration-list')).length, {
      timeout: 20_000,
      message: `the project API never stored ${count} ${event} on the integrations list`,
    })
    .toBe(count);
}

/** One label per clicked element, on that element: drawn at its top-left corner, above or inside it. */
async function expectLabelOn(site: DemoSitePage, heatmap: HeatmapPage, row: number, expected: Partial<HeatLabel>): Promise<void> {
  const [label] = await heatmap.waitLabels(ROW(row), (labels) => labels.length === 1 && Object.entries(expected).every(([key, value]) => labels[0]![key as keyof HeatLabel] === value), `row ${row}: ${JSON.stringify(expected)}`);
  expect(label!.chain).toMatch(/^button\.btn/);
  const box = (await site.integrationConnect(row).boundingBox())!;
  // At the element's left edge, or further right on the same line when the inspector's own label is there.
  expect(label!.box.x).toBeGreaterThan(box.x - 2);
  expect(label!.box.x).toBeLessThan(box.x + 114);
  expect(label!.box.y).toBeGreaterThanOrEqual(box.y - label!.box.height - 3);
  expect(label!.box.y).toBeLessThanOrEqual(box.y + box.height + 3);
}

test('without a connection: the tab’s own clicks, labelled “This tab only”, in the element panel and on the page', async () => {
  const site = new DemoSitePage(await extension.context.newPage(), stack.demo.url);
  await site.page.setViewportSize(VIEWPORT);
  await site.open('/');
  await site.integrationConnect(2).click();
  await site.integrationConnect(2).click();
  await site.integrationConnect(3).click();
  await waitForListClicks('$autocapture', 3);

  const { inspector, heatmap, popup } = await openInspectorOn(site);
  // The element panel first: nothing loaded yet, a button to load.
  await inspector.pin(site.integrationConnect(2));
  await expect(heatmap.panelClicks()).toHaveAttribute('data-state', 'none');
  await heatmap.panelClicks().getByTestId('panel-clicks-load').click();
  await expect(heatmap.panelClicks()).toHaveAttribute('data-count', '2');
  await expect(heatmap.panelClicks()).toHaveAttribute('data-rank', '1');
  await expect(heatmap.panelClicks()).toContainText('this tab only');

  await heatmap.toggle();
  await expect(heatmap.source()).toHaveAttribute('data-source', 'tab');
  await expect(heatmap.source()).toContainText('This tab only');
  await expect(heatmap.panel().getByTestId('heatmap-tab-only')).toContainText('No project connected');
  await expectLabelOn(site, heatmap, 2, { count: 2, rank: 1 });
  await expectLabelOn(site, heatmap, 3, { count: 1, rank: 2 });
  expect(await heatmap.waitLabels(ROW(1), (labels) => labels.length === 0, 'no label on the row never clicked')).toEqual([]);
  await screenshot(site.page, 'heatmap/tab-only', { fullPage: false });
  await popup.page.close();
  await site.page.close();
});

test('connected: the project’s element stats on the right list items, the legend, the table sorted, a row click scrolls, the element panel', async () => {
  // Two of the project's actions: the table says which a click on each element belongs to, as the server matches them.
  await createAction(stack.api, { name: 'Connected an integration', steps: [{ event: '$autocapture', text: 'Connect', text_matching: 'exact' }] });
  await createAction(stack.api, { name: 'Connected HubSpot', steps: [{ event: '$autocapture', selector: 'li:nth-child(5) > button' }] });
  await connectToStack(extension, stack);
  const site = new DemoSitePage(await extension.context.newPage(), stack.demo.url);
  await site.page.setViewportSize(VIEWPORT);
  // A click on another page under the pattern `/*`: not on the landing page.
  await site.open('/pricing');
  await site.choosePlanButtons().nth(1).click();
  await site.open('/');
  await site.integrationConnect(2).click();
  await site.integrationConnect(2).click();
  await site.integrationConnect(4).click();
  // Three quick clicks on one spot: a rage click as well.
  await site.integrationConnect(5).click({ clickCount: 1 });
  await site.integrationConnect(5).click({ clickCount: 1 });
  await site.integrationConnect(5).click({ clickCount: 1 });
  await waitForListClicks('$autocapture', 3 + 6);
  await waitForListClicks('$rageclick', 1);

  const { inspector, heatmap, popup } = await openInspectorOn(site);
  await heatmap.toggle();
  await expect(heatmap.source()).toHaveAttribute('data-source', 'project');
  await expect(heatmap.source()).toContainText(`Project ${stack.api.projectId} · last 7 days`);
  await expect(heatmap.pattern()).toHaveValue(new URL('/', stack.demo.url).href);
  await expect(heatmap.patternHint()).toContainText('This page matches');
  // Both tests' clicks: the project counts every visitor's.
  await expectLabelOn(site, heatmap, 2, { count: 4, rank: 1, rage: 0 });
  await expectLabelOn(site, heatmap, 5, { count: 3, rank: 2, rage: 1 });
  await expectLabelOn(site, heatmap, 3, { count: 1, rank: 3 });
  await expectLabelOn(site, heatmap, 4, { count: 1, rank: 3 });
  expect(await heatmap.waitLabels(ROW(1), (labels) => labels.length === 0, 'no label on the row never clicked')).toEqual([]);
  await expect(heatmap.summary()).toHaveAttribute('data-mapped', '9');
  await expect(heatmap.canvas()).toHaveAttribute('data-rage', '1');
  await expect(heatmap.panel().getByTestId('heatmap-legend')).toBeVisible();
  await site.integrationConnect(2).scrollIntoViewIfNeeded();
  await screenshot(site.page, 'heatmap/page-light', { fullPage: false });
  await site.page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(site.page, 'heatmap/page-dark', { fullPage: false });
  await site.page.emulateMedia({ colorScheme: 'light' });

  // Labels follow the page as it scrolls.
  const before = (await heatmap.waitLabels(ROW(2), (labels) => labels.length === 1, 'row 2 labelled'))[0]!;
  await site.page.mouse.wheel(0, 120);
  await heatmap.waitLabels(ROW(2), (labels) => labels.length === 1 && Math.abs(labels[0]!.box.y - (before.box.y - 120)) < 2, 'the label moved with the page');

  // Rage clicks left out: the label loses its mark.
  await heatmap.include('rageclick').click();
  await expect(heatmap.include('rageclick')).toHaveAttribute('aria-checked', 'false');
  await heatmap.waitLabels(ROW(5), (labels) => labels.length === 1 && labels[0]!.rage === 0 && labels[0]!.count === 3, 'no rage clicks counted');
  await heatmap.include('rageclick').click();
  await heatmap.waitLabels(ROW(5), (labels) => labels.length === 1 && labels[0]!.rage === 1, 'rage clicks counted again');

  // The table: most clicks first, then as the headers say.
  await heatmap.showTable();
  const counts = async () => (await heatmap.rows().evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-count')))));
  await expect.poll(counts).toEqual([4, 3, 1, 1]);
  await expect(heatmap.rows().first()).toHaveAttribute('data-chain', new RegExp(ROW(2).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await expect(heatmap.row(ROW(5)).locator('td.actions')).toHaveText('Connected an integration, Connected HubSpot');
  await expect(heatmap.row(ROW(2)).locator('td.actions')).toHaveText('Connected an integration');
  await heatmap.sortBy('clicks');
  await expect(heatmap.table()).toHaveAttribute('data-direction', 'ascending');
  await expect.poll(counts).toEqual([1, 1, 3, 4]);
  await heatmap.sortBy('rage');
  await expect(heatmap.rows().first()).toHaveAttribute('data-rage', '1');
  await screenshot(site.page, 'heatmap/table', { fullPage: false });

  // A row click takes the page to its element, pins it, and the element panel shows its clicks.
  await site.page.evaluate(() => window.scrollTo(0, 0));
  await expect.poll(async () => (await site.integrationConnect(5).boundingBox())!.y).toBeGreaterThan(site.page.viewportSize()!.height);
  await heatmap.row(ROW(5)).locator('td.num').first().click();
  await expect.poll(async () => {
    const box = (await site.integrationConnect(5).boundingBox())!;
    return box.y > 0 && box.y + box.height < site.page.viewportSize()!.height;
  }).toBe(true);
  await expect(inspector.pinBox()).toBeVisible();
  await expect(heatmap.panelClicks()).toHaveAttribute('data-count', '3');
  await expect(heatmap.panelClicks()).toHaveAttribute('data-rank', '2');
  await expect(heatmap.panelClicks()).toHaveAttribute('data-rage', '1');
  await screenshot(site.page, 'heatmap/row-revealed', { fullPage: false });

  // The whole site's pages: the pricing click is listed as not on this page, never dropped.
  await heatmap.pattern().fill(new URL('/*', stack.demo.url).href);
  await heatmap.pattern().press('Enter');
  await expect(heatmap.unmatched()).toHaveAttribute('data-clicks', '1');
  await expect(heatmap.unmatched()).toContainText('1 click on elements not on this page');
  await heatmap.unmatched().locator('summary').click();
  await expect(heatmap.unmatched()).toContainText('Choose plan');
  await expect(heatmap.summary()).toHaveAttribute('data-mapped', '9');
  await screenshot(site.page, 'heatmap/unmatched', { fullPage: false });

  // The page changes under the heatmap: the first row goes, every row moves up one place. The rows
  // are mapped again by chain, as the server knows them: what was counted for the second row's chain
  // is now on the button in second place (Stripe's), drawn where that button now is.
  await heatmap.host().getByTestId('heatmap-view-page').click();
  await site.page.evaluate(() => document.querySelector('.integration-list > li')!.remove());
  await expectLabelOn(site, heatmap, 2, { count: 4, quality: 'exact' });
  // The last row's clicks find no fifth row now: they go, as a near miss (its position changed), to
  // the last button, which adds them to the fourth row's exact one.
  await expectLabelOn(site, heatmap, 4, { count: 1 + 3, rage: 1, quality: 'near' });
  await screenshot(site.page, 'heatmap/page-changed', { fullPage: false });
  await expect(site.integrationConnect(2)).toHaveAccessibleName('Connect');
  expect(await site.page.locator('.integration-list > li').nth(1).textContent()).toContain('Stripe');

  // Off: nothing of the heatmap is left on the page.
  await heatmap.toggle();
  await expect(heatmap.panel()).toHaveCount(0);
  await expect(inspector.host().getByTestId('heatmap-layer')).toBeHidden();
  await popup.page.close();
  await site.page.close();
});
