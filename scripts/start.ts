/**
 * `npm start`: the whole demo on one machine. Builds the extension (test build: it may reach
 * 127.0.0.1 and localhost without a prompt), starts the local project API and the demo site,
 * connects the extension to the API through its own options page, and opens Chromium on the demo.
 * Without a display it keeps the servers running and prints what to load by hand.
 *
 * Flags (for tests): --api-port N --demo-port N (0 = any free port), --data-dir DIR,
 * --profile-dir DIR, --no-build, --no-browser.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type BrowserContext } from 'playwright-core';
import { createProjectApi } from '../src/project-api/server';
import { startDemoSite } from '../src/demo-site/server';
import { chromiumArgs } from '../test/e2e/support/chromium';

const { values: flags } = parseArgs({
  options: {
    'api-port': { type: 'string', default: '8010' },
    'demo-port': { type: 'string', default: '8020' },
    'data-dir': { type: 'string', default: '.data' },
    'profile-dir': { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    'no-browser': { type: 'boolean', default: false },
  },
});

const EXTENSION_DIR = resolve('.output/chrome-mv3-e2e');
const dataDir = resolve(flags['data-dir']);
const log = (line = '') => console.log(line);

function hasDisplay(): boolean {
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

/** Chrome's id for an unpacked extension: the SHA-256 of its path, hex digits mapped to a–p. */
function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

/** A new profile starts with the Actionlens icon pinned to the toolbar, so it is in plain sight. */
function pinExtension(profileDir: string): void {
  const preferences = resolve(profileDir, 'Default', 'Preferences');
  if (existsSync(preferences)) return;
  mkdirSync(resolve(profileDir, 'Default'), { recursive: true });
  writeFileSync(preferences, JSON.stringify({ extensions: { pinned_extensions: [unpackedExtensionId(EXTENSION_DIR)] } }));
}

async function connectExtension(context: BrowserContext, apiUrl: string, apiKey: string): Promise<string> {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(worker.url()).host;
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('Local project API (bundled)').check();
  await options.getByLabel('URL').fill(apiUrl);
  await options.getByLabel('Project id').fill('1');
  await options.getByLabel('Personal API key').fill(apiKey);
  await options.getByRole('button', { name: 'Save' }).click();
  const result = options.getByTestId('connection-result');
  await result.waitFor({ timeout: 20_000 });
  const text = (await result.textContent()) ?? '';
  await options.close();
  return text;
}

async function main() {
  if (!flags['no-build']) {
    log('Building the extension (npm run build:e2e)…');
    execFileSync('npm', ['run', '--silent', 'build:e2e'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  mkdirSync(dataDir, { recursive: true });
  const api = await createProjectApi({ dataDir: resolve(dataDir, 'project-api'), port: Number(flags['api-port']) });
  const demo = await startDemoSite({ port: Number(flags['demo-port']), apiHost: api.url, projectToken: api.projectToken });

  log();
  log(`Local project API   ${api.url}`);
  log(`  project id        ${api.projectId}`);
  log(`  project token     ${api.projectToken}`);
  log(`  personal API key  ${api.apiKey}`);
  log(`Demo site           ${demo.url}`);
  log(`Extension (unpacked) ${EXTENSION_DIR}`);
  log();

  let context: BrowserContext | null = null;
  const shutdown = async () => {
    await context?.close().catch(() => undefined);
    await demo.close();
    await api.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());

  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const reason = flags['no-browser']
    ? 'asked not to open a browser (--no-browser)'
    : !hasDisplay()
      ? 'no display is available (DISPLAY is not set)'
      : !existsSync(executablePath)
        ? `Chromium is not installed at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH)`
        : null;

  if (reason) {
    log(`Not opening a browser: ${reason}. The servers keep running; to try Actionlens by hand:`);
    log(`  1. In Chrome or Chromium open chrome://extensions, turn on Developer mode,`);
    log(`     click "Load unpacked" and choose ${EXTENSION_DIR}`);
    log(`  2. Open the extension's options ("Extension options"), choose "Local project API",`);
    log(`     URL ${api.url}, project id ${api.projectId}, personal API key ${api.apiKey}, and Save.`);
    log(`  3. Open the demo site: ${demo.url} (capture is already enabled for 127.0.0.1 in this build).`);
    log(`  4. Click the Actionlens toolbar icon to watch the events.`);
    log();
    log('Press Ctrl+C to stop the servers.');
    return;
  }

  const profileDir = resolve(flags['profile-dir'] ?? resolve(dataDir, 'chromium-profile'));
  pinExtension(profileDir);
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: false,
    // --test-type hides the warning bar about --no-sandbox, which Chromium needs when run as root.
    args: [...chromiumArgs(EXTENSION_DIR), '--test-type', '--start-maximized', '--window-position=0,0', '--window-size=1280,860'],
    viewport: null,
  });
  const connection = await connectExtension(context, api.url, api.apiKey);
  log(`Extension connected to the local project API: ${connection}`);
  // A fresh profile also has the onboarding tab the install opened: keep it, and use another for the demo.
  const page = context.pages().find((tab) => !tab.url().startsWith('chrome-extension://')) ?? (await context.newPage());
  await page.goto(demo.url);
  await page.bringToFront();
  if (new URL(context.serviceWorkers()[0]?.url() ?? 'x:').host !== unpackedExtensionId(EXTENSION_DIR)) {
    log('(The Actionlens icon may be under the puzzle-piece menu: pin it to keep it in the toolbar.)');
  }
  log(`Chromium is open on ${demo.url} with Actionlens loaded. Close the browser or press Ctrl+C to stop.`);
  context.on('close', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
