/**
 * `npm run bench -- collector`: the page-world collector's footprint.
 *
 * - Size: the built MAIN-world file, `.output/chrome-mv3-e2e/content-scripts/capture.js`, raw
 *   bytes including WXT's wrapper (built with `npm run build:e2e` first if missing or older than
 *   its sources). Target ≤ 4 KB.
 * - Synchronous cost per request: the page calls `fetch`/`sendBeacon`/XHR in a tight loop (the body
 *   built inside the loop, as posthog-js does) and times the calls; the same loop runs without the
 *   collector in the same browser, alternating, and the medians are compared. The collector is the
 *   built file, injected at document_start with a no-op listener standing in for the bridge; a
 *   second comparison loads the real extension (collector + isolated bridge that parses and sends
 *   each capture). Target ≤ 0.1 ms added per request.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from 'playwright-core';
import { BRIDGE_READY_EVENT, CAPTURE_EVENT } from '../../src/capture/pageCollector';
import { chromiumArgs, chromiumPath } from '../e2e/support/chromium';
import { launchExtension } from '../e2e/support/extension';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const BUILT = join(root, '.output/chrome-mv3-e2e/content-scripts/capture.js');
const SOURCES = ['src/capture/pageCollector.ts', 'entrypoints/capture.content.ts'].map((file) => join(root, file));
const SIZE_TARGET = 4096;
const COST_TARGET_MS = 0.1;
const RUNS = 7;

function builtCollector(): string {
  const stale = !existsSync(BUILT) || SOURCES.some((source) => statSync(source).mtimeMs > statSync(BUILT).mtimeMs);
  if (stale) execFileSync('npm', ['run', 'build:e2e'], { cwd: root, stdio: 'ignore' });
  return readFileSync(BUILT, 'utf8');
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** What one timed loop does in the page; returns the loop's duration in ms. */
type Workload = { name: string; calls: number; run: (calls: number) => Promise<number> };

// Page-side loops (serialised into the page, so self-contained).
const WORKLOADS: Workload[] = [
  {
    name: '`fetch` with a gzip `Blob` body (posthog-js ≥ 1.300)',
    calls: 1000,
    run: async (calls) => {
      const bytes = Uint8Array.from({ length: 900 }, (_, i) => (i < 2 ? [0x1f, 0x8b][i]! : (i * 31) % 251));
      const started = performance.now();
      for (let i = 0; i < calls; i++) void fetch('/e/?compression=gzip-js', { method: 'POST', body: new Blob([bytes], { type: 'text/plain' }) }).catch(() => 0);
      return performance.now() - started;
    },
  },
  {
    name: '`fetch` with a JSON string body',
    calls: 1000,
    run: async (calls) => {
      const body = JSON.stringify({ api_key: 'phc_bench', batch: [{ event: '$pageview', properties: { $current_url: 'http://127.0.0.1/', pad: 'x'.repeat(1200) } }] });
      const started = performance.now();
      for (let i = 0; i < calls; i++) void fetch('/e/', { method: 'POST', body, headers: { 'content-type': 'application/json' } }).catch(() => 0);
      return performance.now() - started;
    },
  },
  {
    name: '`sendBeacon` with a gzip `Blob` (unload flush)',
    calls: 1000,
    run: async (calls) => {
      // Chromium allows 64 KiB of beacons in flight: send in batches and let each drain.
      const bytes = Uint8Array.from({ length: 900 }, (_, i) => (i < 2 ? [0x1f, 0x8b][i]! : (i * 31) % 251));
      let elapsed = 0;
      let refused = 0;
      for (let sent = 0; sent < calls; sent += 40) {
        const started = performance.now();
        for (let i = 0; i < 40; i++) if (!navigator.sendBeacon('/e/', new Blob([bytes], { type: 'text/plain' }))) refused++;
        elapsed += performance.now() - started;
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      if (refused > 0) throw new Error(`${refused} beacons refused: the quota did not drain`);
      return elapsed;
    },
  },
  {
    name: 'async XHR with a base64 form body (posthog-js 1.130)',
    calls: 500,
    run: async (calls) => {
      const body = `data=${btoa('x'.repeat(1200))}`;
      const started = performance.now();
      for (let i = 0; i < calls; i++) {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', '/e/?compression=base64');
        xhr.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded');
        xhr.send(body);
      }
      return performance.now() - started;
    },
  },
];

async function serve(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(req.url === '/' ? 200 : 204, { 'content-type': 'text/html' }).end(req.url === '/' ? '<!doctype html><title>bench</title>' : undefined));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Times one loop on a fresh page of `context`. */
async function timeOnce(context: BrowserContext, url: string, workload: Workload, calls: number): Promise<number> {
  const page = await context.newPage();
  await page.goto(url);
  const ms = await page.evaluate(workload.run, calls);
  await page.close();
  return ms;
}

/** Alternates baseline and measured runs; returns the medians in ms per call. */
async function compare(baseline: BrowserContext, measured: BrowserContext, url: string, workload: Workload, calls: number) {
  const without: number[] = [];
  const withCollector: number[] = [];
  await timeOnce(baseline, url, workload, calls); // warm-up
  await timeOnce(measured, url, workload, calls);
  for (let run = 0; run < RUNS; run++) {
    without.push((await timeOnce(baseline, url, workload, calls)) / calls);
    withCollector.push((await timeOnce(measured, url, workload, calls)) / calls);
  }
  return { without: median(without), with: median(withCollector) };
}

const fmt = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;

async function main(): Promise<void> {
  const collector = builtCollector();
  const size = Buffer.byteLength(collector);
  const server = await serve();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs(), headless: true });
  const lines: string[] = [];
  try {
    const baseline = await browser.newContext();
    const withCollector = await browser.newContext();
    await withCollector.addInitScript({ content: collector });
    await withCollector.addInitScript({
      content: `addEventListener(${JSON.stringify(CAPTURE_EVENT)}, () => {}); dispatchEvent(new CustomEvent(${JSON.stringify(BRIDGE_READY_EVENT)}));`,
    });

    const rows: string[] = [];
    let worst = 0;
    for (const workload of WORKLOADS) {
      const result = await compare(baseline, withCollector, server.url, workload, workload.calls);
      const added = result.with - result.without;
      worst = Math.max(worst, added);
      rows.push(`| ${workload.name} | ${workload.calls} | ${fmt(result.without)} | ${fmt(result.with)} | **${fmt(added)}** |`);
    }

    // The whole extension: the isolated bridge also runs in the page's thread, inside the dispatch.
    // 250 calls per page: the bridge rate-limits a page to 300 captures per 10 s.
    const extension = await launchExtension();
    const extensionRows: string[] = [];
    try {
      const extensionBaseline = await extension.context.browser()?.newContext();
      for (const workload of WORKLOADS.slice(0, 2)) {
        const result = await compare(extensionBaseline ?? baseline, extension.context, server.url, workload, 250);
        extensionRows.push(`| ${workload.name} | 250 | ${fmt(result.without)} | ${fmt(result.with)} | ${fmt(result.with - result.without)} |`);
      }
    } finally {
      await extension.close();
    }

    const gzip = gzipSync(collector).length;
    lines.push(
      '## Page-world collector',
      '',
      `Chromium ${browser.version()}, ${RUNS} runs per figure (median), baseline and collector alternating in one browser; bodies are built inside the timed loop, as posthog-js builds them.`,
      '',
      '| Built MAIN-world file (`content-scripts/capture.js`, with WXT’s wrapper) | Target | |',
      '| --- | --- | --- |',
      `| ${size} bytes raw (${gzip} gzipped), minified by the e2e build | ≤ ${SIZE_TARGET} bytes | ${size <= SIZE_TARGET ? 'met' : '**missed**'} |`,
      '',
      `Synchronous cost per call, collector with a no-op listener (target ≤ ${COST_TARGET_MS * 1000} µs added; ${worst <= COST_TARGET_MS ? 'met' : '**missed**'}):`,
      '',
      '| Call | Calls per run | Without | With collector | Added per call |',
      '| --- | --- | --- | --- | --- |',
      ...rows,
      '',
      'With the real extension (collector plus the isolated bridge: schema check and `runtime.sendMessage` inside the dispatch, on the page’s thread):',
      '',
      '| Call | Calls per run | Without | With extension | Added per call |',
      '| --- | --- | --- | --- | --- |',
      ...(extensionRows.length > 0 ? extensionRows : ['| (the extension could not be measured) | | | | |']),
      '',
    );
  } finally {
    await browser.close();
    await server.close();
  }
  const markdown = lines.join('\n');
  console.log(markdown);
  writeFileSync(join(root, 'test/bench/collector.md'), `${markdown}\n`);
}

await main();
