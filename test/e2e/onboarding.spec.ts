import { expect, test } from '@playwright/test';
import { OnboardingPage } from './pages/onboarding';
import { PopupPage } from './pages/popup';
import { launchExtension, onboardingPage, onboardingUrl, tabIdOf, type LoadedExtension } from './support/extension';
import { screenshot } from './support/screenshots';
import { startStack, type Stack } from './support/stack';

/**
 * First run: the install opens the onboarding page once (`runtime.onInstalled`, reason `install`),
 * a restarted worker does not open it again, and its settings link works from the keyboard.
 */

let extension: LoadedExtension;

test.beforeAll(async () => {
  extension = await launchExtension({ keepOnboarding: true });
});

test.afterAll(async () => {
  await extension?.close();
  await stack?.close();
});

let stack: Stack | undefined;

const onboardingTabs = () => extension.context.pages().filter((page) => page.url() === onboardingUrl(extension.extensionId)).length;

test('the install opens the onboarding page once: not again when the worker restarts', async () => {
  const onboarding = new OnboardingPage(await onboardingPage(extension.context, extension.extensionId));
  await expect(onboarding.heading()).toBeVisible();
  await expect(onboarding.sections()).toHaveText(['1. Enable a site', '2. Connect a project', '3. Or try the demo']);
  await expect(onboarding.page.getByText('Open side panel')).toBeVisible();
  expect(onboardingTabs()).toBe(1);

  await (await extension.worker()).evaluate(() => ((globalThis as { onboardingMark?: boolean }).onboardingMark = true));
  await extension.stopWorker();
  // A page that sends a message wakes the worker again, as a click on the icon would.
  const popup = await extension.openPage('popup.html');
  const restarted = async () => {
    for (const worker of extension.context.serviceWorkers()) {
      const fresh = await worker.evaluate(() => !(globalThis as { onboardingMark?: boolean }).onboardingMark).catch(() => false);
      if (fresh) return true;
    }
    return false;
  };
  await expect.poll(restarted, { timeout: 10_000 }).toBe(true);
  await popup.waitForTimeout(1_000);
  expect(onboardingTabs()).toBe(1);
  await popup.close();
});

test('the onboarding page: keyboard to the settings link, which opens the options page; light and dark', async () => {
  const onboarding = new OnboardingPage(await onboardingPage(extension.context, extension.extensionId));
  await onboarding.page.bringToFront();
  await screenshot(onboarding.page, 'onboarding/light');
  await onboarding.page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(onboarding.page, 'onboarding/dark');
  await onboarding.page.emulateMedia({ colorScheme: 'light' });

  // Step 1's address field, then (its Enable button is disabled while the field is empty) the link.
  await onboarding.page.keyboard.press('Tab');
  await expect(onboarding.page.getByLabel('Or enable a site here:')).toBeFocused();
  await onboarding.page.keyboard.press('Tab');
  await expect(onboarding.settingsLink()).toBeFocused();
  const [options] = await Promise.all([extension.context.waitForEvent('page'), onboarding.page.keyboard.press('Enter')]);
  await options.waitForLoadState();
  expect(options.url()).toBe(`chrome-extension://${extension.extensionId}/options.html`);
  await expect(options.getByRole('form', { name: 'Project API connection' })).toBeVisible();
});

test('step 1 on the welcome page: an address that is not a site is refused in words; a site is enabled, and its page captures', async () => {
  stack = await startStack();
  const onboarding = new OnboardingPage(await onboardingPage(extension.context, extension.extensionId));
  await onboarding.page.bringToFront();
  await onboarding.enableSite('chrome://settings');
  await expect(onboarding.enableOutcome()).toHaveText('“chrome://settings” is not a website address. Type one like https://shop.example.com.');

  // localhost: the test build may already reach it (no prompt to answer); the production build asks here.
  const url = stack.demo.url.replace('127.0.0.1', 'localhost');
  await onboarding.enableSite(url);
  await expect(onboarding.enableOutcome()).toHaveText('Enabled on http://localhost/*. Open or reload a page there, then click the Actionlens icon to see its events.');
  await screenshot(onboarding.page, 'onboarding/site-enabled');

  const site = await extension.context.newPage();
  await site.goto(url);
  const popup = await PopupPage.open(extension, await tabIdOf(extension, site.url()));
  await expect(popup.siteState()).toHaveText('capturing');
  await expect(popup.rows().first()).toBeVisible({ timeout: 20_000 });
  await Promise.all([popup.page.close(), site.close()]);
});
