import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ONBOARDING_PAGE, openOnboarding } from '../../../src/background/onboarding';

describe('openOnboarding', () => {
  beforeEach(() => fakeBrowser.reset());

  const openTabs = async () => (await fakeBrowser.tabs.query({})).map((tab) => tab.url);

  it('opens the onboarding page once after a fresh install', async () => {
    const before = (await openTabs()).length;
    await openOnboarding('install');
    const tabs = await openTabs();
    expect(tabs).toHaveLength(before + 1);
    expect(tabs.at(-1)).toBe(fakeBrowser.runtime.getURL(ONBOARDING_PAGE));
  });

  it.each(['update', 'chrome_update', 'browser_update', 'shared_module_update'])('opens nothing on %s', async (reason) => {
    const before = await openTabs();
    await openOnboarding(reason);
    expect(await openTabs()).toEqual(before);
  });
});
