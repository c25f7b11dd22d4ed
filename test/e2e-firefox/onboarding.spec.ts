import { expect, test } from '@playwright/test';
import { startStack, type Stack } from '../e2e/support/stack';
import { PopupPage } from './pages/popup';
import { clickWhenReady, fillWhenReady, waitUntil } from './support/pageActions';
import { launchFirefoxExtension, onboardingTabs, screenshot, type FirefoxExtension } from './support/firefox';

/**
 * First run in Firefox: installing the add-on opens the onboarding page once, an event page that
 * Firefox suspended and started again does not open it again, and its settings link opens the
 * options page; its step 1 form enables a site.
 */

let extension: FirefoxExtension;

test.beforeAll(async () => {
  // Firefox suspends an idle event page after this many ms (see sync.spec.ts).
  extension = await launchFirefoxExtension({ keepOnboarding: true, prefs: { 'extensions.background.idle.timeout': 1000 } });
});

test.afterAll(async () => {
  await extension?.close();
  await stack?.close();
});

let stack: Stack | undefined;

const extensionTabs = (path: string) =>
  extension.evaluate((apis, wanted) => apis.extension.getViews({ type: 'tab' }).filter((view) => view.location.pathname === wanted).length, path);

test('the install opens the onboarding page once: not again when the event page restarts', async () => {
  expect(await onboardingTabs(extension)).toBe(1);
  const marked = () =>
    extension.evaluate(async (apis) => {
      const page = (await apis.runtime.getBackgroundPage()) as (Window & { onboardingMark?: boolean }) | null;
      return page?.onboardingMark === true;
    }, null);
  await extension.evaluate(async (apis) => {
    const page = (await apis.runtime.getBackgroundPage()) as (Window & { onboardingMark?: boolean }) | null;
    if (page) page.onboardingMark = true;
  }, null);
  expect(await marked()).toBe(true);
  // Idle until Firefox unloads the event page (the mark goes with it); a message starts it again.
  await expect.poll(marked, { timeout: 20_000, intervals: [1500] }).toBe(false);
  await extension.evaluate((apis) => apis.runtime.sendMessage({ type: 'connection.get', payload: {} }), null);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(await onboardingTabs(extension)).toBe(1);
});

test('the onboarding page: its settings link opens the options page; light', async () => {
  const page = await extension.openPage('onboarding.html');
  await waitUntil(page, () => document.querySelector('h1')?.textContent === 'Welcome to Actionlens', null);
  const texts = await page.evaluate(() => ({
    sections: [...document.querySelectorAll('h2')].map((h) => h.textContent),
    sidebar: document.body.textContent?.includes('Open sidebar'),
  }));
  expect(texts).toEqual({ sections: ['1. Enable a site', '2. Connect a project', '3. Or try the demo'], sidebar: true });
  expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(false);
  await screenshot(page, 'onboarding/light');

  const before = await extensionTabs('/options.html');
  await clickWhenReady(page, '[data-testid="open-options"]');
  await expect.poll(() => extensionTabs('/options.html'), { timeout: 10_000 }).toBe(before + 1);
});

test('the onboarding page follows a dark system theme', async () => {
  // Puppeteer emulates media features through CDP only, which Firefox lacks: a Firefox told by its
  // preferences that the system is dark.
  const dark = await launchFirefoxExtension({ prefs: { 'layout.css.prefers-color-scheme.content-override': 0, 'ui.systemUsesDarkTheme': 1 } });
  try {
    const page = await dark.openPage('onboarding.html');
    await waitUntil(page, () => document.querySelector('h1')?.textContent === 'Welcome to Actionlens', null);
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    await screenshot(page, 'onboarding/dark');
  } finally {
    await dark.close();
  }
});

test('step 1 on the welcome page: an address that is not a site is refused in words; a site is enabled, and its page captures', async () => {
  stack = await startStack();
  const page = await extension.openPage('onboarding.html');
  const outcome = () => page.evaluate(() => document.querySelector('[data-testid="onboarding-enable-outcome"]')?.textContent ?? '');
  const enable = async (address: string) => {
    await fillWhenReady(page, '#enable-address', address);
    await page.keyboard.press('Enter');
  };
  await enable('about:addons');
  await expect.poll(outcome).toBe('“about:addons” is not a website address. Type one like https://shop.example.com.');

  const url = stack.demo.url.replace('127.0.0.1', 'localhost');
  await enable(url);
  await expect.poll(outcome).toBe('Enabled on http://localhost/*. Open or reload a page there, then click the Actionlens icon to see its events.');
  await screenshot(page, 'onboarding/site-enabled');

  const { tabId } = await extension.openSite(url);
  const popup = await PopupPage.open(extension, tabId);
  await expect.poll(() => popup.siteState()).toBe('capturing');
  await waitUntil(popup.page, () => document.querySelectorAll('[data-testid="event-list"] .event-row').length > 0, null, { timeout: 20_000 });
});
