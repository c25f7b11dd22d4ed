import { describe, expect, it } from 'vitest';
import config, { TEST_HOSTS } from '../../wxt.config';

type ManifestFn = (env: { mode: string; browser: string; manifestVersion: number; command: string }) => Record<string, unknown>;
function manifest(build: 'production' | 'test') {
  const before = process.env.WXT_TEST_BUILD;
  if (build === 'test') process.env.WXT_TEST_BUILD = '1';
  else delete process.env.WXT_TEST_BUILD;
  try {
    return (config.manifest as ManifestFn)({ mode: 'production', browser: 'chrome', manifestVersion: 3, command: 'build' });
  } finally {
    if (before === undefined) delete process.env.WXT_TEST_BUILD;
    else process.env.WXT_TEST_BUILD = before;
  }
}

describe('manifest permissions', () => {
  it('asks for no host access at install: sites are granted at runtime', () => {
    const production = manifest('production');
    expect(production.host_permissions).toEqual([]);
    expect(production.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(JSON.stringify(production)).not.toContain('<all_urls>');
    expect(production.permissions).toEqual(['storage', 'scripting', 'activeTab', 'sidePanel']);
  });

  it('grants only the local test hosts in the automated-test build', () => {
    expect(manifest('test').host_permissions).toEqual(TEST_HOSTS);
    expect(TEST_HOSTS).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
  });
});
