import { expect, test } from '@playwright/test';
import type { Page } from 'puppeteer-core';
import { describeFindings, SCHEMES, THEME_BG, type Finding } from '../e2e/support/accessibility';
import { startStack, type Stack } from '../e2e/support/stack';
import { HeatmapPage } from './pages/heatmap';
import { InspectorPage } from './pages/inspector';
import { PopupPage } from './pages/popup';
import { axeFindings, tabThrough } from './support/accessibility';
import { connectToStack } from './support/connect';
import { launchFirefoxExtension, screenshot, type FirefoxExtension } from './support/firefox';
import { clickWhenReady, setViewportSize, waitUntil } from './support/pageActions';

/**
 * Accessibility in Firefox: axe (WCAG 2.0 A and AA, 2.1 AA) over the popup's three views, the
 * sidebar page, the options page and the inspector overlay, with Firefox started once in the light
 * and once in the dark theme (the system's preference, set by prefs at launch): the pages must
 * follow it. Screenshots in test/artifacts/firefox/a11y/. The twin of test/e2e/accessibility.spec.ts.
 */

test.describe.configure({ mode: 'serial' });

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack();
});

test.afterAll(async () => {
  await stack?.close();
});

/** The system's theme as Firefox reads it, and what pages are told (`0` dark, `1` light). */
const SCHEME_PREFS = {
  light: { 'ui.systemUsesDarkTheme': 0, 'layout.css.prefers-color-scheme.content-override': 1 },
  dark: { 'ui.systemUsesDarkTheme': 1, 'layout.css.prefers-color-scheme.content-override': 0 },
};

const HERO = '[data-attr="hero-start-trial"]';

async function expectTheme(page: Page, background: string, what: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor), { message: `${what} does not follow the theme` }).toBe(background);
}

for (const scheme of SCHEMES) {
  test(`${scheme}: popup, sidebar, options, the welcome page and the overlay have no serious or critical axe violations; the keyboard reaches and operates them`, async () => {
    const extension: FirefoxExtension = await launchFirefoxExtension({ prefs: SCHEME_PREFS[scheme] });
    try {
      const findings: Finding[] = [];
      await connectToStack(extension, stack);
      const { page: site, tabId } = await extension.openSite(new URL('/', stack.demo.url).href);
      await setViewportSize(site, 1400, 900);
      await site.waitForSelector(HERO, { visible: true });
      await site.click(HERO);
      await site.goto(new URL('/', stack.demo.url).href);
      await site.waitForSelector(HERO, { visible: true });

      const popup = await PopupPage.open(extension, tabId);
      await expectTheme(popup.page, THEME_BG[scheme], 'the popup');
      await waitUntil(popup.page, () => document.querySelectorAll('[data-testid="event-list"] .event-row').length > 0, null, { timeout: 20_000 });
      await clickWhenReady(popup.page, '[data-testid="event-list"] .event-row');
      await popup.page.waitForSelector('[data-testid="event-detail"]');
      findings.push(...(await axeFindings(popup.page, `popup events (${scheme})`)));
      await screenshot(popup.page, `a11y/popup-events-${scheme}`);
      await popup.showView('person');
      findings.push(...(await axeFindings(popup.page, `popup person (${scheme})`)));
      await screenshot(popup.page, `a11y/popup-person-${scheme}`);
      await popup.showView('actions');
      findings.push(...(await axeFindings(popup.page, `popup actions (${scheme})`)));
      await screenshot(popup.page, `a11y/popup-actions-${scheme}`);

      const sidebar = await PopupPage.open(extension, tabId, 'sidepanel');
      await waitUntil(sidebar.page, () => document.querySelectorAll('[data-testid="event-list"] .event-row').length > 0, null);
      findings.push(...(await axeFindings(sidebar.page, `sidebar (${scheme})`)));
      await screenshot(sidebar.page, `a11y/sidebar-${scheme}`);
      await sidebar.page.close();

      const options = await extension.openPage('options.html');
      await expectTheme(options, THEME_BG[scheme], 'the options page');
      findings.push(...(await axeFindings(options, `options (${scheme})`)));
      await screenshot(options, `a11y/options-${scheme}`);
      await options.close();

      const onboarding = await extension.openPage('onboarding.html');
      await expectTheme(onboarding, THEME_BG[scheme], 'the welcome page');
      findings.push(...(await axeFindings(onboarding, `welcome page (${scheme})`)));
      await screenshot(onboarding, `a11y/onboarding-${scheme}`);
      await onboarding.close();

      await popup.toggleInspector('open');
      await site.bringToFront();
      const inspector = new InspectorPage(site);
      const heatmap = new HeatmapPage(site, inspector);
      await inspector.waitOpen();
      const overlay = 'actionlens-inspector';
      expect(await site.evaluate(() => getComputedStyle(document.querySelector('actionlens-inspector')!.shadowRoot!.querySelector('.panel')!).backgroundColor)).toBe(THEME_BG[scheme]);
      findings.push(...(await axeFindings(site, `overlay panel (${scheme})`, overlay)));
      await screenshot(site, `a11y/overlay-panel-${scheme}`, { fullPage: false });
      await inspector.pin(HERO);
      findings.push(...(await axeFindings(site, `overlay pinned (${scheme})`, overlay)));
      await screenshot(site, `a11y/overlay-pinned-${scheme}`, { fullPage: false });
      await inspector.click('create-action');
      await site.waitForSelector('actionlens-inspector >>> [data-testid="action-builder"]', { visible: true });
      findings.push(...(await axeFindings(site, `overlay action builder (${scheme})`, overlay)));
      await screenshot(site, `a11y/overlay-builder-${scheme}`, { fullPage: false });
      await inspector.click('builder-close');
      await heatmap.toggle();
      await site.waitForSelector('actionlens-inspector >>> [data-testid="heatmap-summary"]', { visible: true });
      findings.push(...(await axeFindings(site, `overlay heatmap (${scheme})`, overlay)));
      await screenshot(site, `a11y/overlay-heatmap-${scheme}`, { fullPage: false });
      await heatmap.toggle();
      await popup.page.bringToFront();
      await popup.toggleInspector('closed');
      expect(findings, describeFindings(findings)).toEqual([]);

      await keyboardPass(extension, { popup, site, tabId });
    } finally {
      await extension.close();
    }
  });
}

/**
 * The keyboard in Firefox, as in Chromium: real Tab presses (WebDriver BiDi input) reach the
 * controls of the popup, the sidebar page, options, the welcome page and the overlay, each with a
 * focus ring of at least 2 px; Space and Enter operate a view tab, Inspect, heatmap mode and Close.
 */
async function keyboardPass(extension: FirefoxExtension, { popup, site, tabId }: { popup: PopupPage; site: Page; tabId: number }): Promise<void> {
  const focus = (page: Page, selector: string) => page.$eval(selector, (element) => (element as HTMLElement).focus());
  await popup.page.bringToFront();
  await popup.showView('events');
  const rings = await tabThrough(popup.page);
  expect(rings.length, 'Tab reached too few of the popup’s controls').toBeGreaterThan(5);
  expect(rings.filter((ring) => !ring.visible), 'popup: focused without a ring').toEqual([]);
  for (const [what, path, least] of [
    ['sidebar page', `sidepanel.html?tabId=${tabId}`, 3],
    ['options', 'options.html', 3],
    ['welcome page', 'onboarding.html', 0],
  ] as const) {
    const page = await extension.openPage(path);
    await waitUntil(page, () => document.querySelector('main') !== null, null);
    const pageRings = await tabThrough(page);
    expect(pageRings.length, `Tab reached too few of the ${what}’s controls`).toBeGreaterThan(least);
    expect(pageRings.filter((ring) => !ring.visible), `${what}: focused without a ring`).toEqual([]);
    await page.close();
  }

  await popup.page.bringToFront();
  await focus(popup.page, '[data-testid="view-person"]');
  await popup.page.keyboard.press(' ');
  await waitUntil(popup.page, () => document.querySelector('#view-person') !== null && (document.querySelector('#view-person') as HTMLElement).offsetParent !== null, null, { what: 'the person view after Space' });
  await focus(popup.page, '[data-testid="open-inspector"]');
  await popup.page.keyboard.press('Enter');
  await popup.inspectorShown('open');

  await site.bringToFront();
  const inspector = new InspectorPage(site);
  await inspector.waitOpen();
  await inspector.pin(HERO);
  await focus(site, 'actionlens-inspector >>> [data-testid="inspector-heatmap"]');
  const overlayRings = await tabThrough(site, { host: 'actionlens-inspector' });
  expect(overlayRings.length, 'Tab reached too few of the overlay’s controls').toBeGreaterThan(3);
  expect(overlayRings.filter((ring) => !ring.visible), 'overlay: focused without a ring').toEqual([]);
  await focus(site, 'actionlens-inspector >>> [data-testid="inspector-heatmap"]');
  await site.keyboard.press(' ');
  await site.waitForSelector('actionlens-inspector >>> [data-testid="heatmap-summary"]', { visible: true });
  await site.keyboard.press(' ');
  await site.waitForSelector('actionlens-inspector >>> [data-testid="heatmap-summary"]', { hidden: true });
  await focus(site, 'actionlens-inspector >>> [data-testid="inspector-close"]');
  await site.keyboard.press('Enter');
  await waitUntil(site, () => document.querySelector('actionlens-inspector') === null, null, { what: 'the inspector to close on Enter' });
}

