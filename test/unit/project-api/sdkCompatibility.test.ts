import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePosthogPage } from '../../support/posthogBundle';
import { startTestServer, type TestServer } from './testServer';

/**
 * The remote config must keep every posthog-js version working against the local API: a real SDK
 * in headless Chromium loads its config, autocaptures with the chain as a string, detects dead
 * clicks (1.300+, lazy-loading the bundle from /static/) and compresses its requests.
 */
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

interface StoredEvent {
  event: string;
  properties: Record<string, unknown>;
  elements_chain: string;
}

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(chromiumPath)) return;
  server = await startTestServer();
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function waitForEvents(version: string, done: (events: StoredEvent[]) => boolean): Promise<StoredEvent[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const res = await server.call('GET', '/api/projects/1/events/?limit=1000');
    const events = (res.body.results as StoredEvent[]).filter((e) => e.properties['$lib_version'] === version);
    if (done(events) || Date.now() > deadline) return events;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function listen(handler: Parameters<typeof createServer>[1]): Promise<Server> {
  const site = createServer(handler);
  return new Promise((resolve) => site.listen(0, '127.0.0.1', () => resolve(site)));
}

describe.skipIf(!existsSync(chromiumPath))('real posthog-js against the local API', () => {
  it.each([
    ['posthog-js-1-130', '1.130.2', '/decide/', false],
    ['posthog-js-1-300', '1.300.0', '/flags/', true],
    ['posthog-js', '1.449.2', '/array/', true],
  ])(
    '%s (%s) reads its config from %s and keeps capturing',
    async (pkg, version, configPath, deadClicks) => {
      const script = await bundlePosthogPage({
        pkg,
        entrySource: `posthog.init(${JSON.stringify(server.api.projectToken)}, {
          api_host: ${JSON.stringify(server.api.url)},
          opt_out_useragent_filter: true, // headless Chromium is a bot to posthog-js otherwise
          persistence: 'localStorage',
        } as any);`,
      });
      const site = await listen((req, res) => {
        if (req.url === '/page.js') return void res.writeHead(200, { 'content-type': 'application/javascript' }).end(script);
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end('<!doctype html><html><body><main><button id="buy" class="btn btn-primary">Buy now</button> <span id="more" style="cursor: pointer">More</span></main><script src="/page.js"></script></body></html>');
      });
      const page = await browser.newPage();
      const failed: string[] = [];
      const paths: string[] = [];
      page.on('response', (response) => {
        if (!response.url().startsWith(server.api.url)) return;
        paths.push(new URL(response.url()).pathname);
        if (response.status() !== 200) failed.push(`${response.status()} ${response.url()}`);
      });
      try {
        await page.goto(`http://127.0.0.1:${(site.address() as AddressInfo).port}/`);
        await waitForEvents(version, (events) => events.some((e) => e.event === '$pageview'));
        await page.click('#buy');
        // Nothing happens on either click: dead clicks (1.300 only reports the span).
        await page.click('#more');
        const events = await waitForEvents(version, (stored) =>
          stored.filter((e) => e.event === '$autocapture').length >= 2 && (!deadClicks || stored.some((e) => e.event === '$dead_click')),
        );

        expect(paths.some((path) => path.startsWith(configPath)), paths.join(' ')).toBe(true);
        expect(failed).toEqual([]);
        const autocapture = events.find((e) => e.event === '$autocapture' && e.elements_chain.startsWith('button'));
        expect(autocapture?.elements_chain).toMatch(/^button\.btn\.btn-primary:.*text="Buy now"/);
        // elementsChainAsString: the SDK sends the chain and no $elements.
        expect(autocapture?.properties).toHaveProperty('$elements_chain');
        expect(autocapture?.properties).not.toHaveProperty('$elements');
        if (deadClicks) {
          expect(events.find((e) => e.event === '$dead_click')?.elements_chain).toMatch(/^(button|span)[.:]/);
          expect(paths.some((path) => path.endsWith('/dead-clicks-autocapture.js'))).toBe(true);
        }
        const sdk = await page.evaluate(() => ({ compression: (window as any).posthog.compression }));
        expect(sdk.compression).toBe('gzip-js');
      } finally {
        await page.close();
        site.close();
      }
    },
    60_000,
  );
});
