/**
 * The Events view under a full buffer, in the real extension (`npm run build:e2e` first):
 *
 * - latency from a page's request to its row painted in an open side panel, with 10,000 events
 *   already buffered for the tab (target p95 ≤ 100 ms);
 * - popup open, from navigation to the first row painted, 10,000 events buffered, with the service
 *   worker running (warm) and stopped just before (cold) (target ≤ 300 ms).
 *
 * The page sends PostHog-shaped batches itself (real recorded posthog-js 1.449.2 events), through
 * the real collector, bridge, background and IndexedDB buffer.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import type { Page } from '@playwright/test';
import { decodeRequest } from '../../src/core/wire';
import { launchExtension, tabIdOf } from '../e2e/support/extension';
import { readTabEvents } from '../e2e/support/tabBuffer';
import { readWireFixture, toDecodeInput } from '../fixtures/wire/wireFixture';
import { percentile } from './percentile';

const BUFFERED = 10_000;
const LATENCY_RUNS = 30;
const OPEN_RUNS = 9;

const samples = readWireFixture('1.449.2')
  .requests.flatMap((request) => decodeRequest(toDecodeInput(request)).events)
  .filter((event) => event.event !== '$identify');

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

/** Whether a `≤ limit` target is met by the median and by the 95th percentile. */
function met(values: number[], limit: number): string {
  const median = percentile(values, 50) <= limit;
  const p95 = percentile(values, 95) <= limit;
  return p95 ? 'yes' : median ? 'median only' : 'no';
}

async function main() {
  const server = createServer((req, res) => {
    if (req.method === 'POST') {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":1}'));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>bench</title><h1>bench page</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const loadBefore = loadavg()[0]!;
  const extension = await launchExtension();
  try {
    const site = await extension.context.newPage();
    await site.goto(`${origin}/`);
    const tabId = await tabIdOf(extension, site.url());

    // Fill the buffer: 40 batches of 250 events, as a posthog-js envelope would carry them.
    for (let b = 0; b < BUFFERED / 250; b++) {
      const batch = Array.from({ length: 250 }, (_, i) => ({ ...samples[(b * 250 + i) % samples.length]!, uuid: crypto.randomUUID() }));
      await site.evaluate((body) => fetch('/e/', { method: 'POST', body }), JSON.stringify({ api_key: 'phc_bench', batch }));
    }
    for (let i = 0; i < 200 && (await readTabEvents(extension, tabId)).count < BUFFERED; i++) await site.waitForTimeout(250);

    // 1. Request → row painted in an open side panel.
    const panel = await extension.openPage(`sidepanel.html?tabId=${tabId}`);
    await panel.setViewportSize({ width: 400, height: 900 });
    await panel.locator('.event-row').first().waitFor();
    const latencies: number[] = [];
    for (let run = 0; run < LATENCY_RUNS; run++) {
      const name = `bench_${run}`;
      const painted = panel.evaluate(
        (wanted) =>
          new Promise<number>((resolve) => {
            // No named helpers in here: tsx would wrap them in a `__name` call the page lacks.
            const observer = new MutationObserver(() => {
              if (![...document.querySelectorAll('.event-name')].some((node) => node.textContent === wanted)) return;
              observer.disconnect();
              requestAnimationFrame(() => resolve(Date.now()));
            });
            observer.observe(document.body, { childList: true, subtree: true, characterData: true });
          }),
        name,
      );
      await panel.waitForTimeout(50);
      const sent = await site.evaluate((event) => {
        const at = Date.now();
        void fetch('/e/', { method: 'POST', body: JSON.stringify({ api_key: 'phc_bench', batch: [event] }) });
        return at;
      }, { ...samples[0]!, event: name, uuid: crypto.randomUUID() });
      latencies.push((await painted) - sent);
      await site.waitForTimeout(100);
    }

    // 2. Popup open to first row painted, warm and cold worker.
    const openTimes = { warm: [] as number[], cold: [] as number[] };
    for (const mode of ['warm', 'cold'] as const) {
      for (let run = 0; run < OPEN_RUNS; run++) {
        if (mode === 'cold') await extension.stopWorker();
        const popup: Page = await extension.context.newPage();
        await popup.addInitScript(() => {
          const observer = new MutationObserver(() => {
            if (document.querySelector('.event-row')) {
              observer.disconnect();
              requestAnimationFrame(() => ((window as unknown as { firstRow: number }).firstRow = performance.now()));
            }
          });
          observer.observe(document, { childList: true, subtree: true });
        });
        await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tabId=${tabId}`);
        await popup.waitForFunction(() => (window as unknown as { firstRow?: number }).firstRow !== undefined);
        openTimes[mode].push(await popup.evaluate(() => (window as unknown as { firstRow: number }).firstRow));
        await popup.close();
      }
    }

    const count = (await readTabEvents(extension, tabId)).count;
    const load = `${loadBefore.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}`;
    console.log(`## Events view with ${count.toLocaleString('en')} buffered events

Real extension in Debian Chromium (headless), real collector → bridge → background → IndexedDB →
side panel / popup. Request → row: ${LATENCY_RUNS} single-event requests while the side panel is open,
starting as soon as its first row is painted (it is still reading the older events then).
Popup open: navigation start → first row painted (\`performance.now()\` at the next animation frame),
${OPEN_RUNS} opens each; "cold" stops the service worker (CDP) before each open.
Load average (1 min) during the run: ${load}, ${cpus().length} cores.

| measure | median | p95 | target | met |
| --- | --- | --- | --- | --- |
| request → row painted in open side panel | ${fmt(percentile(latencies, 50))} | ${fmt(percentile(latencies, 95))} | p95 ≤ 100 ms | ${met(latencies, 100)} |
| popup open → first row, worker warm | ${fmt(percentile(openTimes.warm, 50))} | ${fmt(percentile(openTimes.warm, 95))} | ≤ 300 ms | ${met(openTimes.warm, 300)} |
| popup open → first row, worker cold | ${fmt(percentile(openTimes.cold, 50))} | ${fmt(percentile(openTimes.cold, 95))} | ≤ 300 ms | ${met(openTimes.cold, 300)} |
`);
  } finally {
    await extension.close();
    server.closeAllConnections();
    server.close();
  }
}

void main();
