import { expect, test } from '@playwright/test';
import type { BufferedEvent } from '../../src/capture/tabEvents';
import { startStack, type Stack } from '../e2e/support/stack';
import { createAction } from '../e2e/support/projectActions';
import { PopupPage } from './pages/popup';
import { launchFirefoxExtension, screenshot, type FirefoxExtension } from './support/firefox';
import { connectToStack } from './support/connect';

/**
 * The project's actions in Firefox: actions created on the local project API, real posthog-js on the
 * demo site; the Events view's tags and the Actions view's list with counts. The same flow as
 * test/e2e/actions-view.spec.ts, smaller.
 */

test.describe.configure({ mode: 'serial' });

let stack: Stack;
let extension: FirefoxExtension;

test.beforeAll(async () => {
  stack = await startStack();
  extension = await launchFirefoxExtension();
});

test.afterAll(async () => {
  await extension?.close();
  await stack?.close();
});

const HERO_CTA = '[data-attr="hero-start-trial"]';
const isTrialClick = (event: BufferedEvent) => event.event === '$autocapture' && String(event.properties.$elements_chain).includes('hero-start-trial');
const isPricingView = (event: BufferedEvent) => event.event === '$pageview' && String(event.properties.$current_url).includes('/pricing');

test('tags on the events an action matches, and the Actions view with counts', async () => {
  await connectToStack(extension, stack);
  await createAction(stack.api, { name: 'Pricing viewed', steps: [{ event: '$pageview', url: '/pricing' }] });
  await createAction(stack.api, { name: 'Trial CTA clicked', steps: [{ event: '$autocapture', selector: HERO_CTA }] });

  const { page, tabId } = await extension.openSite(new URL('/', stack.demo.url).href);
  await page.waitForFunction(() => !!document.querySelector('[data-testid="whoami-distinct-id"]')?.textContent);
  await page.locator(HERO_CTA).click();
  await page.waitForFunction(() => location.pathname === '/signup');
  await page.locator('nav[aria-label="Main"] ::-p-text(Pricing)').click();
  await expect.poll(async () => (await extension.readTabEvents(tabId)).events.some(isPricingView), { timeout: 20_000 }).toBe(true);
  await expect.poll(async () => (await extension.readTabEvents(tabId)).events.some(isTrialClick), { timeout: 20_000 }).toBe(true);

  const popup = await PopupPage.open(extension, tabId);
  const { events } = await extension.readTabEvents(tabId);
  const trialClicks = events.filter(isTrialClick).length;
  const pricingViews = events.filter(isPricingView).length;
  const tagged = async (name: string) => (await popup.taggedRows()).filter((row) => row.tags.includes(name)).map((row) => row.event);
  await expect.poll(() => tagged('Trial CTA clicked')).toEqual(Array(trialClicks).fill('$autocapture'));
  await expect.poll(() => tagged('Pricing viewed')).toEqual(Array(pricingViews).fill('$pageview'));
  await screenshot(popup.page, 'actions-view/events-tags');

  await popup.showView('actions');
  const inThisTab = (count: number) => `${count} ${count === 1 ? 'event' : 'events'} in this tab`;
  await expect
    .poll(async () => (await popup.actionItems()).sort((a, b) => a.name.localeCompare(b.name)))
    .toEqual([
      { name: 'Pricing viewed', steps: 'pageview /pricing', matches: inThisTab(pricingViews), sync: 'saved on server' },
      { name: 'Trial CTA clicked', steps: `click ${HERO_CTA}`, matches: inThisTab(trialClicks), sync: 'saved on server' },
    ]);
  await screenshot(popup.page, 'actions-view/actions-popup');

  // A new action appears on Refresh.
  await createAction(stack.api, { name: 'Docs viewed', steps: [{ event: '$pageview', url: '/docs' }] });
  await popup.refreshActions();
  await expect.poll(async () => (await popup.actionItems()).map((item) => item.name)).toContain('Docs viewed');
  await popup.page.close();
  await page.close();
});
