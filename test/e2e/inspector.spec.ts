import { expect, test } from '@playwright/test';
import { InspectorPage } from './pages/inspector';
import { PopupPage } from './pages/popup';
import { DemoSitePage, StoredData, type StoredEvent } from './support/demoSite';
import { launchExtension, tabIdOf, type LoadedExtension } from './support/extension';
import { screenshot } from './support/screenshots';
import { startStack, type Stack } from './support/stack';
import { TEST_HOSTS } from '../../wxt.config';

/**
 * The inspector overlay on the demo site: real posthog-js (autocapture, rage and dead clicks on)
 * sending to the real local project API, the overlay opened from the popup. What the SDK sends
 * is the judge: the panel's chain must be the chain of a real click, and inspecting must send
 * nothing.
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

/** Interaction events the SDK sent for this user: what inspecting must never produce. */
/** Opens the inspector on the site's tab from the popup page, as a user would; the site is in front after. */
async function openInspectorOn(site: DemoSitePage): Promise<{ inspector: InspectorPage; popup: PopupPage }> {
  const inspector = new InspectorPage(site.page);
  const popup = await PopupPage.open(extension, await tabIdOf(extension, site.page.url()));
  await popup.toggleInspector('open');
  await site.page.bringToFront();
  await inspector.waitOpen();
  return { inspector, popup };
}

async function interactions(distinctId: string): Promise<StoredEvent[]> {
  const events = await stored.events({ distinct_id: distinctId });
  return events.filter((event) => ['$autocapture', '$rageclick', '$dead_click'].includes(event.event));
}

test('open from the popup, hover, pin, keys, show all, close: the panel tells the truth and the site hears nothing', async () => {
  const site = new DemoSitePage(await extension.context.newPage(), stack.demo.url);
  await site.open('/');
  const distinctId = await site.distinctId();
  // Nothing of the overlay exists before it is opened.
  await expect(new InspectorPage(site.page).host()).toHaveCount(0);

  const { inspector, popup } = await openInspectorOn(site);
  await expect(inspector.host()).toHaveClass(/ph-no-capture/);

  // Hover: the box and the tag of what autocapture would record.
  const cta = site.heroCta();
  await inspector.hover(cta);
  await expect(inspector.hoverBox()).toBeVisible();
  await expect(inspector.hoverBox()).toContainText('button');
  // The site's ph-no-capture strip is never highlighted.
  await inspector.hover(site.whoamiDistinctId());
  await expect(inspector.hoverBox()).toBeHidden();

  // Pin a link: the click does not reach the page (no navigation).
  const pricing = site.navLink('Pricing');
  await inspector.pin(pricing);
  expect(site.pathname()).toBe('/');
  await expect(inspector.field('panel-tag')).toHaveText('a');
  await expect(inspector.field('panel-verdict')).toHaveAttribute('data-captured', 'true');
  const linkChain = await inspector.chain();
  expect(linkChain).toMatch(/^a[.:]/);

  // Pin the hero button: its selector is its data-attr, unique as CSS and on the server.
  await inspector.pin(cta);
  expect(site.pathname()).toBe('/');
  await expect(inspector.field('panel-tag')).toHaveText('button');
  await expect(inspector.field('panel-text')).toHaveText('Start free trial');
  await expect(inspector.field('panel-selector')).toHaveText('[data-attr="hero-start-trial"]');
  await expect(inspector.selectorCounts().css).toHaveAttribute('data-count', '1');
  await expect(inspector.selectorCounts().server).toHaveAttribute('data-count', '1');
  const ctaChain = await inspector.chain();
  expect(ctaChain).toContain('attr__data-attr="hero-start-trial"');

  // The edit box re-counts as you type.
  await inspector.selectorInput().fill('button');
  await expect(inspector.assessment().getByTestId('css-count')).not.toHaveAttribute('data-count', '1');
  await inspector.selectorInput().fill('[data-attr="hero-start-trial"]');
  await expect(inspector.assessment().getByTestId('css-count')).toHaveAttribute('data-count', '1');
  await screenshot(site.page, 'inspector/pinned', { fullPage: false });

  // Keyboard: Escape leaves the edit box (the pin stays), then up to the parent, down to a child,
  // across to the sibling and back.
  await site.page.keyboard.press('Escape');
  await expect(inspector.field('panel-tag')).toHaveText('button');
  await site.page.keyboard.press('ArrowUp');
  await expect(inspector.field('panel-tag')).toHaveText('div');
  await site.page.keyboard.press(']');
  await expect(inspector.field('panel-tag')).toHaveText('button');
  await expect(inspector.field('panel-selector')).toHaveText('[data-attr="hero-start-trial"]');
  await site.page.keyboard.press('ArrowRight');
  await expect(inspector.field('panel-text')).toHaveText('See pricing');
  await site.page.keyboard.press('ArrowLeft');
  await expect(inspector.field('panel-text')).toHaveText('Start free trial');

  // Clicks inside the overlay: the panel's controls work and the site hears nothing.
  const side = await inspector.panel().getAttribute('data-side');
  await inspector.switchSide();
  await expect(inspector.panel()).not.toHaveAttribute('data-side', side ?? '');
  await inspector.switchSide();
  await expect(inspector.panel()).toHaveAttribute('data-side', side ?? '');
  await inspector.toggleShowAll();
  await expect(inspector.allBoxes()).toBeVisible();
  await expect.poll(async () => Number(await inspector.allBoxes().getAttribute('data-drawn'))).toBeGreaterThan(5);
  await screenshot(site.page, 'inspector/show-all', { fullPage: false });
  await inspector.toggleShowAll();
  await expect(inspector.allBoxes()).toBeHidden();

  // Shift lets a click through: the SDK captures it, and its chain is the one the panel showed.
  await site.page.keyboard.press('Escape');
  await expect(inspector.hint()).toBeVisible();
  await inspector.clickThrough(cta);
  await site.page.waitForURL('**/signup');
  const sent = await stored.waitForEvent({ event: '$autocapture', distinct_id: distinctId }, (event) => event.elements_chain.includes('hero-start-trial'));
  expect(sent.elements_chain).toBe(ctaChain);
  // Everything before it was sent in the same or an earlier batch: the pins and the overlay's
  // clicks produced no autocapture, rage click or dead click.
  expect((await interactions(distinctId)).map((event) => event.elements_chain)).toEqual([ctaChain]);

  // Escape with nothing pinned closes: every trace gone, and the site's clicks are its own again.
  await site.page.keyboard.press('Escape');
  await expect(inspector.host()).toHaveCount(0);
  await expect(site.page.locator('style[wxt-shadow-root-document-styles]')).toHaveCount(0);
  await site.page.locator('[data-attr="signup-submit"]').scrollIntoViewIfNeeded();
  await site.page.getByRole('link', { name: 'Log in' }).first().click();
  await site.page.waitForURL('**/login');
  await stored.waitForEvent({ event: '$autocapture', distinct_id: distinctId }, (event) => event.elements_chain.startsWith('a'));
  // Seconds after the pins, past the SDK's dead-click window (2.5 s) and another batch: still no
  // dead or rage click from inspecting.
  expect((await interactions(distinctId)).filter((event) => event.event !== '$autocapture')).toEqual([]);
  await popup.page.close();
  await site.page.close();
});

test('the inspector costs no permission: no host access beyond the test hosts, nothing injected by the manifest', async () => {
  const manifest = await (await extension.worker()).evaluate(() => (globalThis as unknown as { chrome: { runtime: { getManifest(): Record<string, unknown> } } }).chrome.runtime.getManifest());
  expect(manifest.host_permissions).toEqual(TEST_HOSTS);
  expect(manifest.permissions).toEqual(['storage', 'scripting', 'activeTab', 'alarms', 'contextMenus', 'sidePanel']);
  expect(manifest.content_scripts).toBeUndefined();
  expect(manifest.web_accessible_resources).toBeUndefined();
});

test('the popup toggles the inspector: a second press closes it and removes it from the page', async () => {
  const site = new DemoSitePage(await extension.context.newPage(), stack.demo.url);
  await site.open('/pricing');
  const tabId = await tabIdOf(extension, site.page.url());
  const inspector = new InspectorPage(site.page);
  const popup = await PopupPage.open(extension, tabId);
  await popup.toggleInspector('open');
  await inspector.waitOpen();
  await expect(popup.inspectButton()).toHaveText('Close inspector');
  await screenshot(popup.page, 'inspector/popup-header');
  // A popup opened later asks the tab, so it offers to close what is open.
  await popup.page.reload();
  await expect(popup.inspectButton()).toHaveText('Close inspector');
  await popup.toggleInspector('closed');
  await expect(inspector.host()).toHaveCount(0);
  // Closed from the page (Esc), the next popup offers to open it again.
  await popup.toggleInspector('open');
  await inspector.waitOpen();
  await site.page.bringToFront();
  await site.page.keyboard.press('Escape');
  await expect(inspector.host()).toHaveCount(0);
  await popup.page.reload();
  await expect(popup.inspectButton()).toHaveText('Inspect');
  // Open again after closing: a fresh overlay.
  await popup.toggleInspector('open');
  await inspector.waitOpen();
  await popup.toggleInspector('closed');
  await expect(inspector.host()).toHaveCount(0);
  await popup.page.close();
  await site.page.close();
});

test('a page the browser keeps to itself: the popup says why the inspector cannot open', async () => {
  const page = await extension.context.newPage();
  await page.goto('chrome://version');
  // Without the `tabs` permission a browser page's URL is hidden: it is the one tab with none.
  const tabId = await (await extension.worker()).evaluate(async () => {
    const api = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }).chrome;
    return (await api.tabs.query({})).find((tab) => tab.url === undefined)?.id ?? -1;
  });
  expect(tabId).toBeGreaterThan(0);
  const popup = await PopupPage.open(extension, tabId);
  await popup.inspectButton().click();
  await expect(popup.inspectorError()).toContainText('cannot run on this page');
  await screenshot(popup.page, 'inspector/popup-refused');
  await popup.page.close();
  await page.close();
});

test('open shadow roots and same-origin iframes: hovered, pinned and described like the page itself', async () => {
  const site = new DemoSitePage(await extension.context.newPage(), stack.demo.url);
  await site.open('/pricing');
  // A web component with an open shadow root, and a same-origin frame, added as a site would.
  await site.page.evaluate(() => {
    const main = document.querySelector('main')!;
    const widget = document.createElement('div');
    widget.id = 'widget';
    widget.attachShadow({ mode: 'open' }).innerHTML = '<button data-attr="shadow-buy" style="margin:16px;padding:10px">Buy in shadow</button>';
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width:400px;height:120px;border:4px solid #ccc;display:block;margin:16px';
    frame.srcdoc = '<!doctype html><body style="margin:0"><a href="#framed" data-attr="framed-link" style="display:inline-block;margin:24px">Framed link</a></body>';
    main.prepend(widget, frame);
  });
  await expect(site.page.frameLocator('iframe').locator('[data-attr="framed-link"]')).toBeVisible();
  const { inspector, popup } = await openInspectorOn(site);

  await inspector.pin(site.page.locator('#widget').locator('button'));
  await expect(inspector.field('panel-tag')).toHaveText('button');
  await expect(inspector.field('panel-selector')).toHaveText('[data-attr="shadow-buy"]');

  const framed = site.page.frameLocator('iframe').locator('[data-attr="framed-link"]');
  await inspector.hover(framed);
  await expect(inspector.hoverBox()).toContainText('a ');
  // The box sits on the link: the frame's position and border are added.
  const [box, link] = await Promise.all([inspector.hoverBox().boundingBox(), framed.boundingBox()]);
  expect(Math.abs(box!.x - link!.x)).toBeLessThan(2);
  expect(Math.abs(box!.y - link!.y)).toBeLessThan(2);
  await inspector.pin(framed);
  await expect(inspector.field('panel-tag')).toHaveText('a');
  await expect(inspector.field('panel-chain')).toContainText('attr__data-attr="framed-link"');
  expect(await framed.evaluate(() => location.hash)).toBe('');
  await screenshot(site.page, 'inspector/iframe-pinned', { fullPage: false });
  await popup.toggleInspector('closed');
  await expect(inspector.host()).toHaveCount(0);
  await popup.page.close();
  await site.page.close();
});

test('boxes follow scrolling, resizing and the page changing', async () => {
  const site = new DemoSitePage(await extension.context.newPage(), stack.demo.url);
  await site.open('/');
  const { inspector, popup } = await openInspectorOn(site);

  const cta = site.heroCta();
  await inspector.pin(cta);
  const follows = async () => {
    const [box, element] = await Promise.all([inspector.pinBox().boundingBox(), cta.boundingBox()]);
    return Math.abs(box!.y - element!.y) < 2 && Math.abs(box!.x - element!.x) < 2;
  };
  expect(await follows()).toBe(true);
  await site.page.mouse.wheel(0, 240);
  await expect.poll(follows).toBe(true);
  await site.page.setViewportSize({ width: 900, height: 700 });
  await expect.poll(follows).toBe(true);

  // Lazy content: a new button appears in show all; hidden ones do not (visibility: hidden keeps a
  // box, display: none leaves none) until shown; removed, they go.
  await inspector.toggleShowAll();
  const drawn = async () => Number(await inspector.allBoxes().getAttribute('data-drawn'));
  await expect.poll(drawn).toBeGreaterThan(0);
  const before = await drawn();
  await site.page.evaluate(() => {
    for (const [id, style] of [['lazy', ''], ['lazy-invisible', 'visibility: hidden'], ['lazy-undisplayed', 'display: none']]) {
      const button = document.createElement('button');
      button.id = id!;
      button.textContent = 'Loaded later';
      button.setAttribute('style', style!);
      document.querySelector('.hero-actions')!.append(button);
    }
  });
  await expect.poll(drawn).toBe(before + 1);
  await site.page.evaluate(() => document.getElementById('lazy-invisible')!.removeAttribute('style'));
  await expect.poll(drawn).toBe(before + 2);
  await site.page.evaluate(() => document.getElementById('lazy-undisplayed')!.removeAttribute('style'));
  await expect.poll(drawn).toBe(before + 3);
  await site.page.evaluate(() => document.querySelectorAll('[id^="lazy"]').forEach((button) => button.remove()));
  await expect.poll(drawn).toBe(before);

  // Scrolled to the feature cards (clickable: cursor pointer), show all draws them instead.
  await site.page.getByText('Learn more').last().scrollIntoViewIfNeeded();
  await expect.poll(drawn).not.toBe(before);
  await expect.poll(drawn).toBeGreaterThan(0);
  await screenshot(site.page, 'inspector/show-all-scrolled', { fullPage: false });

  // An SPA navigation takes the pinned element away: the panel lets it go.
  await site.page.evaluate(() => {
    history.pushState({}, '', '/pricing');
    dispatchEvent(new PopStateEvent('popstate'));
  });
  await expect(inspector.hint()).toBeVisible();
  await popup.toggleInspector('closed');
  await expect(inspector.host()).toHaveCount(0);
  await popup.page.close();
  await site.page.close();
});
