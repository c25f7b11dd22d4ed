import { defineConfig } from 'wxt';
import { browserManifest } from './src/platform/manifest';

/**
 * Hosts the automated-test build (`npm run build:e2e`, also used by `npm start`) may reach without a
 * prompt: Playwright cannot answer permission prompts. The production build asks for every site
 * at runtime. The test build is otherwise a production build (same React, same minification): it
 * is chosen by WXT_TEST_BUILD=1, not by a mode, because WXT sets NODE_ENV to the mode's name.
 */
export const TEST_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*'];
export const isTestBuild = () => process.env.WXT_TEST_BUILD === '1';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Explicit imports keep every dependency visible in the file that uses it.
  imports: false,
  // Firefox too: MV3 gives both browsers optional host permissions and runtime-registered scripts.
  manifestVersion: 3,
  outDirTemplate: isTestBuild() ? '{{browser}}-mv{{manifestVersion}}-e2e' : undefined,
  // `npm run zip`: each browser's store zip, and for Firefox (whose reviewers rebuild the add-on)
  // a sources zip holding exactly what `npm ci && npm run build:firefox` needs.
  zip: {
    includeSources: ['entrypoints/**', 'src/**', 'public/**', 'package.json', 'package-lock.json', 'tsconfig.json', 'wxt.config.ts', 'README.md'],
  },
  manifest: ({ browser }) => {
    const { permissions, ...specific } = browserManifest(browser);
    return {
      name: 'Actionlens',
      description:
        'Inspect autocaptured elements, build PostHog actions that the server really matches, and watch the events your site sends.',
      // `contextMenus`: the "Inspect this element" item (Firefox knows it too, as an alias of `menus`).
      permissions: ['storage', 'scripting', 'activeTab', 'alarms', 'contextMenus', ...permissions],
      // No host access at install: each site is granted at runtime from the popup.
      optional_host_permissions: ['http://*/*', 'https://*/*'],
      host_permissions: isTestBuild() ? TEST_HOSTS : [],
      action: { default_title: 'Actionlens' },
      ...specific,
    };
  },
});
