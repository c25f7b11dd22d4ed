import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './support/chromium';
import { behaviourSuite, bundleCollector, startBehaviourServer, type BehaviourServer, type Outcomes, type ReceivedRequest } from './support/collectorHarness';
import { BRIDGE_READY_EVENT, CAPTURE_EVENT, type CollectedRequest } from '../../src/capture/pageCollector';

/**
 * The page-world collector is invisible to the page: one suite of request behaviours runs in
 * Chromium without the collector, with it while nobody listens, and with it handing captures to a
 * stand-in bridge; every outcome the page sees and every request the server receives must be equal.
 */

test.describe.configure({ mode: 'serial' });

type Mode = 'native' | 'collector' | 'collector+listener';

let server: BehaviourServer;
let browser: Browser;
let collector: string;
const runs = new Map<Mode, { outcomes: Outcomes; hostile: Outcomes; received: ReceivedRequest[]; captures: CollectedRequest[] }>();

/** Stands in for the isolated bridge: takes every capture the moment it is dispatched. */
function listenerScript(capture: string, ready: string): string {
  return `(() => {
    const captures = [];
    window.addEventListener(${JSON.stringify(capture)}, (event) => captures.push(JSON.parse(event.detail)));
    Object.defineProperty(window, '__collectorCaptures', { value: captures, enumerable: false });
    window.dispatchEvent(new CustomEvent(${JSON.stringify(ready)}));
  })();`;
}

async function openPage(mode: Mode): Promise<Page> {
  const context = await browser.newContext();
  if (mode !== 'native') await context.addInitScript({ content: collector });
  if (mode === 'collector+listener') await context.addInitScript({ content: listenerScript(CAPTURE_EVENT, BRIDGE_READY_EVENT) });
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  return page;
}

async function run(mode: Mode) {
  const from = server.received.length;
  const page = await openPage(mode);
  const outcomes = await page.evaluate(behaviourSuite, { refused: server.refusedUrl, hostile: false });
  await page.reload();
  const hostile = await page.evaluate(behaviourSuite, { refused: server.refusedUrl, hostile: true });
  const captures = mode === 'collector+listener' ? await page.evaluate(() => (window as unknown as { __collectorCaptures: CollectedRequest[] }).__collectorCaptures) : [];
  // Beacons and keepalive requests may still be on their way.
  await page.waitForTimeout(500);
  await page.context().close();
  runs.set(mode, { outcomes, hostile, received: server.received.slice(from), captures });
}

/** Order-independent view of what the server received (beacons race the requests after them). */
const sortedReceived = (received: ReceivedRequest[]) => received.map((request) => JSON.stringify(request)).sort();

test.beforeAll(async () => {
  [server, collector] = await Promise.all([startBehaviourServer(), bundleCollector()]);
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs(), headless: true });
});

test.afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test('the behaviour suite runs the same in native Chromium twice (the baseline is stable)', async () => {
  await run('native');
  const first = runs.get('native')!;
  await run('native');
  const second = runs.get('native')!;
  for (const name of Object.keys(first.outcomes)) expect.soft(second.outcomes[name], name).toEqual(first.outcomes[name]);
  for (const name of Object.keys(first.hostile)) expect.soft(second.hostile[name], name).toEqual(first.hostile[name]);
  expect(sortedReceived(second.received)).toEqual(sortedReceived(first.received));
});

for (const mode of ['collector', 'collector+listener'] as const) {
  test(`page-observable behaviour is identical with the ${mode === 'collector' ? 'collector and nobody listening' : 'collector handing captures over'}`, async () => {
    await run(mode);
    const native = runs.get('native')!;
    const observed = runs.get(mode)!;
    expect(Object.keys(observed.outcomes)).toEqual(Object.keys(native.outcomes));
    for (const name of Object.keys(native.outcomes)) expect.soft(observed.outcomes[name], name).toEqual(native.outcomes[name]);
    for (const name of Object.keys(native.hostile)) expect.soft(observed.hostile[name], name).toEqual(native.hostile[name]);
    expect(sortedReceived(observed.received)).toEqual(sortedReceived(native.received));
  });
}
