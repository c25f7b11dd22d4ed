import { expect, test } from '@playwright/test';
import { clickWhenReady, waitUntil } from './support/pageActions';
import { launchFirefoxExtension, onboardingTabs, screenshot, type FirefoxExtension } from './support/firefox';

/**
 * First run in Firefox: installing the add-on opens the onboarding page once, an event page that
 * Firefox suspended and started again does not open it again, and its settings link opens the
 * options page.
 */

let extension: FirefoxExtension;

test.beforeAll(async () => {
  // Firefox suspends an idle event page after this many ms (see sync.spec.ts).
  extension = await launchFirefoxExtension({ keepOnboarding: true, prefs: { 'extensions.background.idle.timeout': 1000 } });
});

test.afterAll(async () => {
  await extension?.close();
});

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
