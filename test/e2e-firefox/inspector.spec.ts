import { expect, test } from '@playwright/test';
import { StoredData, type StoredEvent } from '../e2e/support/demoSite';
import { startStack, type Stack } from '../e2e/support/stack';
import { InspectorPage } from './pages/inspector';
import { PopupPage } from './pages/popup';
import { launchFirefoxExtension, screenshot, type FirefoxExtension } from './support/firefox';

/**
 * The inspector in Firefox: the demo site with real posthog-js and the local project API, the
 * overlay opened from the popup page. The same core flow as test/e2e/inspector.spec.ts.
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

const HERO_CTA = '[data-attr="hero-start-trial"]';

async function interactions(distinctId: string): Promise<StoredEvent[]> {
  const events = await stored.events({ distinct_id: distinctId });
  return events.filter((event) => ['$autocapture', '$rageclick', '$dead_click'].includes(event.event));
}

test('open from the popup, hover, pin, keys, show all, close: the right chain and selector, and no events', async () => {
  const { page, tabId } = await extension.openSite(new URL('/', stack.demo.url).href);
  await page.waitForFunction(() => !!document.querySelector('[data-testid="whoami-distinct-id"]')?.textContent);
  const distinctId = await page.evaluate(() => (window as unknown as { posthog: { get_distinct_id(): string } }).posthog.get_distinct_id());
  const inspector = new InspectorPage(page);
  expect(await inspector.hostCount()).toBe(0);

  const popup = await PopupPage.open(extension, tabId);
  await popup.toggleInspector('open');
  await page.bringToFront();
  await inspector.waitOpen();
  expect(await inspector.hostClass()).toContain('ph-no-capture');

  await inspector.hover(HERO_CTA);
  await inspector.waitBox('inspector-hover-box', true);
  await inspector.hover('[data-testid="whoami-distinct-id"]');
  await inspector.waitBox('inspector-hover-box', false);

  await inspector.pin(HERO_CTA);
  await inspector.waitText('panel-tag', 'button');
  expect(new URL(page.url()).pathname).toBe('/');
  await inspector.waitText('panel-selector', '[data-attr="hero-start-trial"]');
  expect(await inspector.attribute('css-count', 'data-count')).toBe('1');
  const chain = (await inspector.text('panel-chain')) ?? '';
  expect(chain).toContain('attr__data-attr="hero-start-trial"');

  await screenshot(page, 'inspector/pinned', { fullPage: false });
  await inspector.press('ArrowUp');
  await inspector.waitText('panel-tag', 'div');
  await inspector.press(']');
  await inspector.waitText('panel-tag', 'button');

  await inspector.click('inspector-show-all');
  await inspector.waitBox('inspector-all-boxes', true);
  const before = Number(await inspector.attribute('inspector-all-boxes', 'data-drawn'));
  expect(before).toBeGreaterThan(5);
  await screenshot(page, 'inspector/show-all', { fullPage: false });
  // Lazy content is drawn, hidden content is not (visibility: hidden keeps a box) until shown.
  await page.evaluate(() => {
    for (const [id, style] of [['lazy', ''], ['lazy-invisible', 'visibility: hidden']]) {
      const button = document.createElement('button');
      button.id = id!;
      button.textContent = 'Loaded later';
      button.setAttribute('style', style!);
      document.querySelector('.hero-actions')!.append(button);
    }
  });
  await inspector.waitDrawn(before + 1);
  await page.evaluate(() => document.getElementById('lazy-invisible')!.removeAttribute('style'));
  await inspector.waitDrawn(before + 2);
  await page.evaluate(() => document.querySelectorAll('[id^="lazy"]').forEach((button) => button.remove()));
  await inspector.waitDrawn(before);
  await inspector.click('inspector-show-all');

  await inspector.press('Escape');
  await inspector.waitBox('inspector-pin-box', false);
  await inspector.clickThrough(HERO_CTA);
  await page.waitForFunction(() => location.pathname === '/signup');
  const sent = await stored.waitForEvent({ event: '$autocapture', distinct_id: distinctId }, (event) => event.elements_chain.includes('hero-start-trial'));
  expect(sent.elements_chain).toBe(chain);
  expect((await interactions(distinctId)).map((event) => event.elements_chain)).toEqual([chain]);

  await inspector.press('Escape');
  await inspector.waitClosed();
  await popup.page.close();
  await page.close();
});

test('the popup toggles the inspector off again, leaving nothing on the page', async () => {
  const { page, tabId } = await extension.openSite(new URL('/pricing', stack.demo.url).href);
  const inspector = new InspectorPage(page);
  const popup = await PopupPage.open(extension, tabId);
  await popup.toggleInspector('open');
  await inspector.waitOpen();
  // A popup opened later asks the tab, so it offers to close what is open.
  await popup.page.close();
  const again = await PopupPage.open(extension, tabId);
  await again.inspectorShown('open');
  await again.toggleInspector('closed');
  await inspector.waitClosed();
  await again.page.close();
  const closed = await PopupPage.open(extension, tabId);
  await closed.inspectorShown('closed');
  await closed.page.close();
  await page.close();
});
