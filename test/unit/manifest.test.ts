import { describe, expect, it } from 'vitest';
import { FIREFOX_MIN_VERSION, GECKO_ID } from '../../src/platform/manifest';
import config, { TEST_HOSTS } from '../../wxt.config';
import { explainedPermissions, requestedPermissions } from '../support/readmePermissions';

type ManifestFn = (env: { mode: string; browser: string; manifestVersion: number; command: string }) => Record<string, unknown>;
function manifest(build: 'production' | 'test', browser: 'chrome' | 'firefox' = 'chrome') {
  const before = process.env.WXT_TEST_BUILD;
  if (build === 'test') process.env.WXT_TEST_BUILD = '1';
  else delete process.env.WXT_TEST_BUILD;
  try {
    return (config.manifest as ManifestFn)({ mode: 'production', browser, manifestVersion: 3, command: 'build' });
  } finally {
    if (before === undefined) delete process.env.WXT_TEST_BUILD;
    else process.env.WXT_TEST_BUILD = before;
  }
}

describe('manifest permissions', () => {
  it.each(['chrome', 'firefox'] as const)('%s: asks for no host access at install: sites are granted at runtime', (browser) => {
    const production = manifest('production', browser);
    expect(production.host_permissions).toEqual([]);
    expect(production.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(JSON.stringify(production)).not.toContain('<all_urls>');
  });

  it.each(['chrome', 'firefox'] as const)('%s: grants only the local test hosts in the automated-test build', (browser) => {
    expect(manifest('test', browser).host_permissions).toEqual(TEST_HOSTS);
    expect(TEST_HOSTS).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
  });

  it('Chrome: the side panel', () => {
    const chrome = manifest('production');
    expect(chrome.permissions).toEqual(['storage', 'scripting', 'activeTab', 'alarms', 'contextMenus', 'sidePanel']);
    expect(Object.keys(chrome.commands as object)).toEqual(['toggle-inspector', 'open-side-panel']);
    expect(chrome.side_panel).toEqual({ default_path: 'sidepanel.html' });
    expect(chrome.browser_specific_settings).toBeUndefined();
  });

  it('Firefox: a fixed add-on id, Firefox 128 or newer, no data collected, and no side panel', () => {
    const firefox = manifest('production', 'firefox');
    expect(firefox.permissions).toEqual(['storage', 'scripting', 'activeTab', 'alarms', 'contextMenus']);
    expect(Object.keys(firefox.commands as object)).toEqual(['toggle-inspector', '_execute_sidebar_action']);
    expect(firefox.side_panel).toBeUndefined();
    expect(firefox.browser_specific_settings).toEqual({
      gecko: { id: GECKO_ID, strict_min_version: FIREFOX_MIN_VERSION, data_collection_permissions: { required: ['none'] } },
    });
    expect(FIREFOX_MIN_VERSION).toBe('128.0');
  });
});

/**
 * The README's "Permissions" section explains every permission, optional permission and host
 * pattern that either browser's production or test build asks for, and nothing we no longer ask
 * for. A permission added to wxt.config.ts or src/platform/manifest.ts without its row fails here.
 */
describe('README Permissions section', () => {
  const builds = (['production', 'test'] as const).flatMap((build) => (['chrome', 'firefox'] as const).map((browser) => ({ build, browser })));
  const requested = [...new Set(builds.flatMap(({ build, browser }) => requestedPermissions(manifest(build, browser))))];
  const explained = explainedPermissions();

  it.each(builds)('explains every permission the $build $browser manifest asks for', ({ build, browser }) => {
    const unexplained = requestedPermissions(manifest(build, browser)).filter((permission) => !explained.includes(permission));
    expect(unexplained, `asked for in the ${build} ${browser} manifest but not explained in README.md's Permissions table`).toEqual([]);
  });

  it('explains no permission we no longer ask for', () => {
    const stale = explained.filter((permission) => !requested.includes(permission));
    expect(stale, "explained in README.md's Permissions table but asked for by no manifest").toEqual([]);
  });

  it('finds the table (the check is not vacuous)', () => {
    expect(explained).toEqual(expect.arrayContaining(['storage', 'sidePanel', 'https://*/*', 'http://127.0.0.1/*']));
  });
});
