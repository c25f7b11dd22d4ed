import { describe, expect, it } from 'vitest';
import config, { TEST_HOSTS } from '../../wxt.config';

type ManifestFn = (env: { mode: string; browser: string; manifestVersion: number; command: string }) => Record<string, unknown>;
const manifest = (mode: string) => (config.manifest as ManifestFn)({ mode, browser: 'chrome', manifestVersion: 3, command: 'build' });

describe('manifest permissions', () => {
  it('asks for no host access at install: sites are granted at runtime', () => {
    const production = manifest('production');
    expect(production.host_permissions).toEqual([]);
    expect(production.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    expect(JSON.stringify(production)).not.toContain('<all_urls>');
    expect(production.permissions).toEqual(['storage', 'scripting', 'activeTab', 'sidePanel']);
  });

  it('grants only the local test hosts in the automated-test build', () => {
    expect(manifest('e2e').host_permissions).toEqual(TEST_HOSTS);
    expect(TEST_HOSTS).toEqual(['http://127.0.0.1/*', 'http://localhost/*']);
  });
});
