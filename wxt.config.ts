import { defineConfig } from 'wxt';

/**
 * Hosts the automated-test build (`--mode e2e`, also used by `npm start`) may reach without a
 * prompt: Playwright cannot answer permission prompts. The production build asks for every site
 * at runtime.
 */
export const TEST_HOSTS = ['http://127.0.0.1/*', 'http://localhost/*'];

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  // Explicit imports keep every dependency visible in the file that uses it.
  imports: false,
  // Firefox too: MV3 gives both browsers optional host permissions and runtime-registered scripts.
  manifestVersion: 3,
  manifest: ({ mode }) => ({
    name: 'Actionlens',
    description:
      'Inspect autocaptured elements, build PostHog actions that the server really matches, and watch the events your site sends.',
    permissions: ['storage', 'scripting', 'activeTab', 'sidePanel'],
    // No host access at install: each site is granted at runtime from the popup.
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    host_permissions: mode === 'e2e' ? TEST_HOSTS : [],
    action: { default_title: 'Actionlens' },
    side_panel: { default_path: 'sidepanel.html' },
  }),
});
