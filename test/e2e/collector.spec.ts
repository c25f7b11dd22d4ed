import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { BRIDGE_READY_EVENT, CAPTURE_EVENT, type CollectedRequest } from '../../src/capture/pageCollector';
import type { TabEvents } from '../../src/capture/tabEvents';
import { chromiumArgs, chromiumPath } from './support/chromium';
import { behaviourSuite, bundleCollector, startBehaviourServer, type BehaviourServer, type Outcomes, type ReceivedRequest } from './support/collectorHarness';
import { launchExtension, tabIdOf, type LoadedExtension } from './support/extension';
import { startPosthogSite, type ReceivedEvent } from './support/posthogSite';
import { readTabEvents } from './support/tabBuffer';

/**
 * The page-world collector (src/capture/pageCollector.ts) and its bridge:
 *
 * - it is invisible to the page: one suite of request behaviours runs in Chromium without the
 *   collector, with it while nobody listens, and with it handing captures to a stand-in bridge;
 *   every outcome the page sees and every request the server receives must be equal;
 * - it hands over synchronously, with the bytes that left;
 * - with the real extension and real posthog-js, the events flushed by sendBeacon on `pagehide`
 *   reach the tab's buffer, and stopping the service worker mid-stream loses none.
 */

test.describe.configure({ mode: 'serial' });

/** `old browser`: without Uint8Array#toBase64 (before Chromium 140), bytes take the btoa path. */
type Mode = 'native' | 'collector' | 'collector+listener' | 'collector+listener, old browser';
const listening = (mode: Mode) => mode.startsWith('collector+listener');

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
  if (mode.endsWith('old browser')) await context.addInitScript({ content: 'delete Uint8Array.prototype.toBase64;' });
  if (mode !== 'native') await context.addInitScript({ content: collector });
  if (listening(mode)) await context.addInitScript({ content: listenerScript(CAPTURE_EVENT, BRIDGE_READY_EVENT) });
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  return page;
}

async function run(mode: Mode) {
  const from = server.received.length;
  const page = await openPage(mode);
  const captured = async (): Promise<CollectedRequest[]> =>
    listening(mode) ? page.evaluate(() => (window as unknown as { __collectorCaptures: CollectedRequest[] }).__collectorCaptures) : [];
  const outcomes = await page.evaluate(behaviourSuite, { refused: server.refusedUrl, hostile: false });
  const captures = await captured();
  await page.reload();
  const hostile = await page.evaluate(behaviourSuite, { refused: server.refusedUrl, hostile: true });
  captures.push(...(await captured()));
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

const described: Record<Exclude<Mode, 'native'>, string> = {
  collector: 'the collector and nobody listening',
  'collector+listener': 'the collector handing captures over',
  'collector+listener, old browser': 'the collector handing captures over, without Uint8Array#toBase64',
};
for (const mode of ['collector', 'collector+listener', 'collector+listener, old browser'] as const) {
  test(`page-observable behaviour is identical with ${described[mode]}`, async () => {
    await run(mode);
    const native = runs.get('native')!;
    const observed = runs.get(mode)!;
    expect(Object.keys(observed.outcomes)).toEqual(Object.keys(native.outcomes));
    for (const name of Object.keys(native.outcomes)) expect.soft(observed.outcomes[name], name).toEqual(native.outcomes[name]);
    for (const name of Object.keys(native.hostile)) expect.soft(observed.hostile[name], name).toEqual(native.hostile[name]);
    expect(sortedReceived(observed.received)).toEqual(sortedReceived(native.received));
  });
}

/** A capture's body as the bytes that went out (FormData is forwarded as a urlencoded form). */
const capturedBytes = (request: CollectedRequest) => (request.body.kind === 'text' ? Buffer.from(request.body.text!, 'utf8') : Buffer.from(request.body.base64!, 'base64')).toString('base64');

for (const mode of ['collector+listener', 'collector+listener, old browser'] as const) {
  test(`every capture carries exactly the bytes the server received (${mode})`, async () => {
    const { captures, received } = runs.get(mode)!;
    const origin = server.url;
    // The suite sends capture-shaped requests with every body type and transport.
    expect(new Set(captures.map((request) => request.transport))).toEqual(new Set(['fetch', 'xhr', 'beacon']));
    expect(captures.length).toBeGreaterThan(20);
    // FormData goes out as multipart and is forwarded as the equivalent urlencoded form.
    const formData = captures.filter((request) => /\?(form|b=formdata)$/.test(request.url));
    // ('a=1' to /echo?form does not look like analytics and is not forwarded.)
    expect(formData.map((request) => (request.body.kind === 'text' ? request.body.text : null))).toEqual(['data=x', 'data=abc', 'data=x']);
    for (const request of captures) {
      if (request.url.startsWith(server.refusedUrl) || formData.includes(request)) continue;
      expect(request.url.startsWith(`${origin}/`), request.url).toBe(true);
      const path = request.url.slice(origin.length);
      const matching = received.filter((arrived) => arrived.path === path && arrived.method === request.method);
      expect(
        matching.map((arrived) => arrived.body),
        `${request.transport} ${path}`,
      ).toContain(capturedBytes(request));
    }
  });
}

test('captures are handed over synchronously, Blob bodies included, and queued while nobody listens', async () => {
  const page = await openPage('collector+listener');
  const counts = await page.evaluate(async () => {
    const captures = (window as unknown as { __collectorCaptures: unknown[] }).__collectorCaptures;
    const gzip = () => new Blob([new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3])]);
    const counted = (send: () => unknown) => {
      const before = captures.length;
      send();
      return captures.length - before;
    };
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/e/');
    const sync = {
      beaconBlob: counted(() => navigator.sendBeacon('/e/', gzip())),
      beaconText: counted(() => navigator.sendBeacon('/e/', '{"event":"x"}')),
      keepaliveFetchBlob: counted(() => fetch('/e/', { method: 'POST', body: gzip(), keepalive: true })),
      xhrBlob: counted(() => xhr.send(gzip())),
      requestWithBlob: counted(() => fetch(new Request('/e/', { method: 'POST', body: gzip() }))),
      // Blobs the collector did not see being built are read asynchronously (fine while the page lives).
      slicedBlob: counted(() => fetch('/e/', { method: 'POST', body: gzip().slice(0) })),
    };
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { sync, total: captures.length };
  });
  expect(counts).toEqual({ sync: { beaconBlob: 1, beaconText: 1, keepaliveFetchBlob: 1, xhrBlob: 1, requestWithBlob: 1, slicedBlob: 0 }, total: 6 });
  await page.context().close();

  // Nobody listening: captures wait (at most 200) until a bridge announces itself.
  const silent = await openPage('collector');
  const late = await silent.evaluate(
    ({ capture, ready }) => {
      for (let i = 0; i < 250; i++) navigator.sendBeacon(`/e/?n=${i}`, '{"event":"x"}');
      const seen: string[] = [];
      window.addEventListener(capture, (event) => seen.push(JSON.parse((event as CustomEvent<string>).detail).url));
      window.dispatchEvent(new CustomEvent(ready));
      return { count: seen.length, first: seen[0]?.replace(location.origin, '') };
    },
    { capture: CAPTURE_EVENT, ready: BRIDGE_READY_EVENT },
  );
  expect(late).toEqual({ count: 200, first: '/e/?n=0' });
  await silent.context().close();
});

test.describe('with the extension and real posthog-js', () => {
  let extension: LoadedExtension;

  test.beforeAll(async () => {
    extension = await launchExtension();
  });

  test.afterAll(async () => {
    await extension?.close();
  });

  const uuidsOf = (events: ReceivedEvent[]) => events.map((event) => event.uuid!);

  /** Every event the API received is in the tab's buffer, each exactly once. */
  async function expectAllBuffered(tabId: number, received: ReceivedEvent[]): Promise<TabEvents> {
    expect(received.every((event) => typeof event.uuid === 'string')).toBe(true);
    let buffer: TabEvents | undefined;
    let missing: string[] = [];
    for (const deadline = Date.now() + 20_000; ; await new Promise((resolve) => setTimeout(resolve, 250))) {
      buffer = await readTabEvents(extension, tabId);
      const held = new Set(buffer.events.map((event) => event.uuid));
      missing = received.filter((event) => !held.has(event.uuid)).map((event) => `${event.event} ${event.uuid}${event.beacon ? ' (beacon)' : ''}`);
      if (missing.length === 0 || Date.now() > deadline) break;
    }
    // On failure: which events, and what the tab saw of the requests (undecodable ones say why).
    const seen = { requests: buffer!.requestsSeen, events: buffer!.count, undecodable: buffer!.undecodable };
    expect(missing, `events the API received but the tab buffer lacks after 20 s; the tab: ${JSON.stringify(seen)}`).toEqual([]);
    const uuids = buffer!.events.map((event) => event.uuid);
    expect(uuids.length, 'duplicates in the buffer').toBe(new Set(uuids).size);
    // Nothing in the buffer that the site did not send.
    expect(uuids.filter((uuid) => !uuidsOf(received).includes(uuid!))).toEqual([]);
    return buffer!;
  }

  for (const pkg of ['posthog-js', 'posthog-js-1-130']) {
    test(`${pkg}: an event flushed by sendBeacon on pagehide reaches the tab buffer and the API`, async () => {
      const site = await startPosthogSite(pkg);
      try {
        const page = await extension.context.newPage();
        await page.goto(site.url);
        await expect.poll(() => site.received.map((event) => event.event), { timeout: 15_000 }).toContain('$pageview');
        const tabId = await tabIdOf(extension, site.url);

        // Queued (batched), then flushed by the SDK's pagehide handler as the page goes away.
        await page.evaluate(() => (window as unknown as { posthog: { capture(name: string, props: object): void } }).posthog.capture('left_the_page', { step: 'last' }));
        await page.goto(`${site.url}next`);

        await expect.poll(() => site.received.filter((event) => event.event === 'left_the_page'), { timeout: 15_000 }).toHaveLength(1);
        expect(site.received.find((event) => event.event === 'left_the_page')!.beacon, 'sent with sendBeacon').toBe(true);
        const buffer = await expectAllBuffered(tabId, site.received);
        expect(buffer.events.find((event) => event.event === 'left_the_page')!.transport).toBe('beacon');
        await page.close();
      } finally {
        await site.close();
      }
    });
  }

  test('stopping the service worker again and again mid-stream loses no event', async () => {
    const site = await startPosthogSite('posthog-js');
    try {
      const page = await extension.context.newPage();
      await page.goto(site.url);
      const tabId = await tabIdOf(extension, site.url);
      let stopping = true;
      let stops = 0;
      const stopper = (async () => {
        while (stopping) {
          await extension.stopWorker();
          stops++;
          await page.waitForTimeout(150);
        }
      })();
      // Immediate requests (one per event) and batched ones, while the worker keeps being stopped.
      await page.evaluate(async () => {
        const posthog = (window as unknown as { posthog: { capture(name: string, props: object, options?: object): void } }).posthog;
        for (let i = 0; i < 40; i++) {
          posthog.capture(`stream_${i}`, { i }, i % 2 === 0 ? { send_instantly: true } : undefined);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      });
      await page.waitForTimeout(3_500); // the SDK's batch queue flushes every 3 s
      stopping = false;
      await stopper;
      expect(stops).toBeGreaterThan(10);
      const names = new Set(site.received.map((event) => event.event));
      for (let i = 0; i < 40; i++) expect(names.has(`stream_${i}`), `stream_${i} reached the API`).toBe(true);
      // The bridge kept every request and retried until the background confirmed it.
      await expectAllBuffered(tabId, site.received);

      // And the unload flush still arrives after all that.
      await page.evaluate(() => (window as unknown as { posthog: { capture(name: string): void } }).posthog.capture('stream_last'));
      await page.goto(`${site.url}next`);
      await expect.poll(() => site.received.some((event) => event.event === 'stream_last'), { timeout: 15_000 }).toBe(true);
      await expectAllBuffered(tabId, site.received);
      await page.close();
    } finally {
      await site.close();
    }
  });

  test('an unload flush right after the worker was stopped arrives through the outbox', async () => {
    // Chromium drops a runtime.sendMessage whose sending document dies before the stopped worker
    // has started: the beacon reaches the API, the message never reaches the background. The
    // bridge's storage.local outbox, written in the same handler, wakes the worker and carries it.
    const site = await startPosthogSite('posthog-js');
    try {
      const page = await extension.context.newPage();
      await page.goto(site.url);
      const tabId = await tabIdOf(extension, site.url);
      await expect.poll(() => site.received.map((event) => event.event), { timeout: 15_000 }).toContain('$pageview');
      await expectAllBuffered(tabId, site.received);
      await extension.stopWorker();
      await page.waitForTimeout(1_000);
      await page.evaluate(() => (window as unknown as { posthog: { capture(name: string): void } }).posthog.capture('left_while_worker_stopped'));
      await page.goto(`${site.url}next`);
      await expect.poll(() => site.received.some((event) => event.event === 'left_while_worker_stopped'), { timeout: 15_000 }).toBe(true);
      await expectAllBuffered(tabId, site.received);
      // The outbox was drained: nothing of the page is left in storage.local.
      const worker = await extension.worker();
      await expect
        .poll(() =>
          worker.evaluate(async () => {
            const api = (globalThis as unknown as { chrome: { storage: { local: { get(keys: null): Promise<object> } } } }).chrome;
            return Object.keys(await api.storage.local.get(null)).filter((key) => key.startsWith('actionlens.outbox.'));
          }),
        )
        .toEqual([]);
      await page.close();
    } finally {
      await site.close();
    }
  });
});
