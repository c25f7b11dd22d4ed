import { expect, test } from '@playwright/test';
import { startStack, type Stack } from '../e2e/support/stack';
import { InspectorPage } from './pages/inspector';
import { PopupPage } from './pages/popup';
import { launchFirefoxExtension, screenshot, type FirefoxExtension } from './support/firefox';
import { connectToStack } from './support/connect';

/**
 * The action builder in Firefox: the same flow as test/e2e/action-builder.spec.ts — point at the
 * hero button, see the page preview, add the pricing pageview, save to the local project API.
 */

test.describe.configure({ mode: 'serial' });

let stack: Stack;
let extension: FirefoxExtension;

test.beforeAll(async () => {
  stack = await startStack();
  extension = await launchFirefoxExtension();
  await connectToStack(extension, stack);
});

test.afterAll(async () => {
  await extension?.close();
  await stack?.close();
});

const HERO_CTA = '[data-attr="hero-start-trial"]';

test('build a two-step action by pointing, preview it, save it to the project API', async () => {
  const { page, tabId } = await extension.openSite(new URL('/', stack.demo.url).href);
  await page.waitForFunction(() => (document.querySelector('[data-testid="whoami-distinct-id"]')?.textContent ?? '') !== '');
  const inspector = new InspectorPage(page);
  const popup = await PopupPage.open(extension, tabId);
  await popup.toggleInspector('open');
  await page.bringToFront();
  await inspector.waitOpen();

  await inspector.pin(HERO_CTA);
  await inspector.click('create-action');
  await inspector.waitAttribute('builder-preview', 'data-server-count', '1');
  expect(await inspector.value('builder-selector')).toBe('[data-attr="hero-start-trial"]');
  expect(await inspector.attribute('builder-preview', 'data-css-count')).toBe('1');
  await inspector.waitAttribute('inspector-all-boxes', 'data-preview-drawn', '1');

  // Typing re-counts by the server's rules: every button, then the one again.
  await inspector.fill('builder-selector', 'button');
  await page.waitForFunction(
    () => Number(document.querySelector('actionlens-inspector')?.shadowRoot?.querySelector('[data-testid="builder-preview"]')?.getAttribute('data-server-count')) > 1,
    { timeout: 10_000 },
  );
  await inspector.fill('builder-selector', '[data-attr="hero-start-trial"]');
  await inspector.waitAttribute('builder-preview', 'data-server-count', '1');
  // The text condition switched on (a toggle in the overlay) narrows the whole step.
  await inspector.click('builder-text-on');
  await inspector.waitAttribute('builder-text-on', 'aria-checked', 'true');
  await inspector.fill('builder-text', 'Something else');
  await inspector.waitAttribute('builder-preview', 'data-server-count', '0');
  await inspector.fill('builder-text', 'Start free trial');
  await inspector.waitAttribute('builder-preview', 'data-server-count', '1');

  await inspector.fill('builder-name', 'Firefox trial action');
  await inspector.click('builder-add-pageview');
  await inspector.fill('builder-step-1 builder-url', '/pricing');
  await inspector.waitAttribute('builder-preview', 'data-page-matches', 'false');
  await screenshot(page, 'builder/two-steps', { fullPage: false });

  // Click the button for real (Shift lets it through): the sidebar page shows the live event
  // tagged with the draft, and its detail explains the verdict.
  const panel = await PopupPage.open(extension, tabId, 'sidepanel');
  await page.bringToFront();
  await inspector.clickThrough(HERO_CTA);
  await expect.poll(async () => (await panel.taggedRows()).filter((row) => row.draft).map((row) => row.event), { timeout: 20_000 }).toEqual(['$autocapture']);
  expect(await panel.draftBanner()).toContain('would have matched 1 of');
  // In front: a background tab runs no animation frames, which puppeteer's click waits for.
  await panel.page.bringToFront();
  const verdicts = await panel.openDraftRow();
  expect(verdicts.find((verdict) => verdict.title === 'Draft: Firefox trial action')).toMatchObject({ status: 'match' });
  await screenshot(panel.page, 'builder/sidebar-draft-explained');
  await page.bringToFront();

  await inspector.click('builder-save');
  await inspector.waitAttribute('builder-result', 'data-ok', 'true');
  await screenshot(page, 'builder/saved', { fullPage: false });
  // Saved: the same event is tagged with the action itself.
  await expect.poll(async () => (await panel.taggedRows()).filter((row) => row.tags.includes('Firefox trial action')).map((row) => row.event), { timeout: 20_000 }).toEqual(['$autocapture']);
  await panel.page.close();
  const response = await fetch(`${stack.api.url}/api/projects/${stack.api.projectId}/actions/`, { headers: { Authorization: `Bearer ${stack.api.apiKey}` } });
  const saved = ((await response.json()) as { results: Array<{ name: string; steps: Array<Record<string, unknown>> }> }).results.find((action) => action.name === 'Firefox trial action');
  expect(saved?.steps.map(({ event, selector, text, url }) => ({ event, selector, text, url }))).toEqual([
    { event: '$autocapture', selector: '[data-attr="hero-start-trial"]', text: 'Start free trial', url: null },
    { event: '$pageview', selector: null, text: null, url: '/pricing' },
  ]);
  await popup.page.close();
  await page.close();
});

test('CSS and the server disagree: both counts, the explanation, and both outlines', async () => {
  const { page, tabId } = await extension.openSite(new URL('/', stack.demo.url).href);
  await page.waitForFunction(() => (document.querySelector('[data-testid="whoami-distinct-id"]')?.textContent ?? '') !== '');
  // `.btn` as CSS selects one button; on the server it also matches `btn-danger` (classes match by prefix).
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.id = 'prefix-case';
    box.innerHTML = '<button class="btn" type="button">Edit</button> <button class="btn-danger" type="button">Delete</button>';
    document.querySelector('main')!.prepend(box);
  });
  const inspector = new InspectorPage(page);
  const popup = await PopupPage.open(extension, tabId);
  await popup.toggleInspector('open');
  await page.bringToFront();
  await inspector.waitOpen();
  await inspector.pin('#prefix-case .btn');
  await inspector.click('create-action');
  await inspector.fill('builder-selector', '#prefix-case .btn');
  await inspector.waitAttribute('builder-preview', 'data-server-count', '2');
  expect(await inspector.attribute('builder-preview', 'data-css-count')).toBe('1');
  expect(await inspector.text('builder-preview-differ')).toContain('CSS and the server disagree');
  await inspector.waitAttribute('inspector-all-boxes', 'data-preview-drawn', '2');
  await screenshot(page, 'builder/css-vs-server', { fullPage: false });
  await popup.page.close();
  await page.close();
});
