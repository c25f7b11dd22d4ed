import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startContentBridge } from '../../../src/capture/contentBridge';
import { CAPTURE_EVENT } from '../../../src/capture/pageCollector';
import { OUTBOX_KEY_PREFIX } from '../../../src/capture/unloadOutbox';
import type { CapturedRequest } from '../../../src/messaging/protocol';

/**
 * The isolated-world half of the handover: what the page-world collector dispatches is checked,
 * forwarded inside the event handler (during `pagehide` nothing later runs) and kept until the
 * background confirms it.
 */

const request = (id: string): CapturedRequest => ({
  id,
  url: 'https://site.example/e/',
  method: 'POST',
  contentType: 'application/json',
  transport: 'beacon',
  sentAt: 1_700_000_000_000,
  body: { kind: 'text', text: '{"event":"x","properties":{"token":"phc_x"}}' },
});

const OUTBOX_TOKEN = '0b7c5c4e-8a1e-4c38-9d7e-4a1f2b3c4d5e';

interface Call {
  ids: string[];
  resolve(stored: string[]): void;
  reject(error: Error): void;
}

let page: EventTarget;
let calls: Call[];

/** Every `runtime.sendMessage` the bridge makes, answered by the test. */
function fakeRuntime(): void {
  calls = [];
  fakeBrowser.runtime.sendMessage = vi.fn(
    (message: { type: string; payload: { requests: CapturedRequest[] } }) =>
      new Promise((resolve, reject) => {
        if (message.type === 'capture.hello') {
          resolve({ ok: true, value: { token: OUTBOX_TOKEN } });
          return;
        }
        calls.push({
          ids: message.payload.requests.map((r) => r.id),
          resolve: (stored) => resolve({ ok: true, value: { stored } }),
          reject,
        });
      }),
  ) as unknown as typeof fakeBrowser.runtime.sendMessage;
}

const capture = (detail: unknown) => page.dispatchEvent(new CustomEvent(CAPTURE_EVENT, { detail }));

/** The background fails the last message; time runs on until the bridge sends again. */
async function failAndWaitForRetry(): Promise<void> {
  calls.at(-1)!.reject(new Error('Could not establish connection. Receiving end does not exist.'));
  const before = calls.length;
  while (calls.length === before) await vi.advanceTimersByTimeAsync(50);
}
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  fakeBrowser.reset();
  fakeRuntime();
  page = new EventTarget();
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('content bridge', () => {
  it('sends a capture before the page’s dispatch returns', () => {
    startContentBridge(page as Window);
    capture(JSON.stringify(request('a')));
    expect(calls.map((call) => call.ids)).toEqual([['a']]);
  });

  it('sends each capture at once, even while an earlier one waits for its answer', () => {
    startContentBridge(page as Window);
    capture(JSON.stringify(request('a')));
    capture(JSON.stringify(request('b')));
    expect(calls.map((call) => call.ids)).toEqual([['a'], ['b']]);
  });

  it('keeps a capture until the background confirms it, retrying after failures', async () => {
    const bridge = startContentBridge(page as Window);
    capture(JSON.stringify(request('a')));
    calls[0]!.reject(new Error('Could not establish connection. Receiving end does not exist.'));
    await settle();
    expect([...bridge.pending.keys()]).toEqual(['a']);

    await vi.advanceTimersByTimeAsync(250);
    expect(calls.map((call) => call.ids)).toEqual([['a'], ['a']]);
    calls[1]!.resolve(['a']);
    await settle();
    expect(bridge.pending.size).toBe(0);
    expect(bridge.stats.forwarded).toBe(1);

    // Nothing left: no more messages.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(2);
  });

  it('retries when an answer never comes', async () => {
    const bridge = startContentBridge(page as Window);
    capture(JSON.stringify(request('a')));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(1); // the timeout schedules a retry, which waits its delay
    await vi.advanceTimersByTimeAsync(250);
    expect(calls.map((call) => call.ids)).toEqual([['a'], ['a']]);
    calls[1]!.resolve(['a']);
    await settle();
    // The first answer arriving late changes nothing.
    calls[0]!.resolve(['a']);
    await settle();
    expect(bridge.pending.size).toBe(0);
    expect(bridge.stats.forwarded).toBe(1);
  });

  it('backs off to at most 4 s while the background does not answer', async () => {
    startContentBridge(page as Window);
    capture(JSON.stringify(request('a')));
    const gaps: number[] = [];
    let last = Date.now();
    for (let attempt = 0; attempt < 7; attempt++) {
      await failAndWaitForRetry();
      gaps.push(Date.now() - last);
      last = Date.now();
    }
    expect(gaps).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000]);
  });

  it('sends what waits for a retry as soon as the background answers anything', async () => {
    const bridge = startContentBridge(page as Window);
    capture(JSON.stringify(request('a')));
    for (let attempt = 0; attempt < 4; attempt++) await failAndWaitForRetry();
    calls.at(-1)!.reject(new Error('worker stopped')); // 'a' now waits 4 s for its next try
    await settle();
    const waiting = calls.length;
    capture(JSON.stringify(request('b')));
    calls.at(-1)!.resolve(['b']); // the worker is back
    await settle();
    expect(calls.slice(waiting + 1).map((call) => call.ids)).toEqual([['a']]);
    calls.at(-1)!.resolve(['a']);
    await settle();
    expect(bridge.pending.size).toBe(0);
  });

  it('sends again, a second after a later message was answered, one whose answer never came', async () => {
    const bridge = startContentBridge(page as Window);
    capture(JSON.stringify(request('a'))); // sent to a worker that is then stopped: never answered
    capture(JSON.stringify(request('b')));
    calls[1]!.resolve(['b']);
    await settle();
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1 + 250);
    expect(calls.map((call) => call.ids)).toEqual([['a'], ['b'], ['a']]);
    calls[2]!.resolve(['a']);
    await settle();
    expect(bridge.pending.size).toBe(0);
    // An earlier message answered in time is not sent again.
    capture(JSON.stringify(request('c')));
    capture(JSON.stringify(request('d')));
    calls[4]!.resolve(['d']);
    calls[3]!.resolve(['c']);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toHaveLength(5);
  });

  it('sends everything unconfirmed once more on pagehide, in flight or not', async () => {
    startContentBridge(page as Window);
    capture(JSON.stringify(request('a'))); // waits for its answer
    capture(JSON.stringify(request('b')));
    calls[1]!.reject(new Error('worker stopped')); // waits for its retry
    await settle();
    page.dispatchEvent(new Event('pagehide'));
    expect(calls.slice(2).map((call) => call.ids)).toEqual([['a', 'b']]);
  });

  it('parks what is unconfirmed in the unload outbox when the page leaves, and each later capture too', async () => {
    startContentBridge(page as Window);
    await settle(); // the outbox token arrives
    capture(JSON.stringify(request('a')));
    calls[0]!.resolve(['a']);
    await settle();
    capture(JSON.stringify(request('b'))); // unanswered: the worker is stopped
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    page.dispatchEvent(new Event('pagehide'));
    // The site's unload flush comes after the bridge's pagehide listener.
    capture(JSON.stringify(request('c')));
    // Both writes were made synchronously, inside the handlers.
    expect(set.mock.calls.map(([items]) => Object.keys(items))).toEqual([
      [`${OUTBOX_KEY_PREFIX}${OUTBOX_TOKEN}.0`],
      [`${OUTBOX_KEY_PREFIX}${OUTBOX_TOKEN}.1`],
    ]);
    await settle();
    const stored = await fakeBrowser.storage.local.get(null);
    const ids = (key: string) => (stored[key] as { requests: CapturedRequest[] }).requests.map((r) => r.id);
    expect(ids(`${OUTBOX_KEY_PREFIX}${OUTBOX_TOKEN}.0`)).toEqual(['b']);
    expect(ids(`${OUTBOX_KEY_PREFIX}${OUTBOX_TOKEN}.1`)).toEqual(['b', 'c']);
  });

  it('writes no outbox when everything was confirmed, or after a return from the back/forward cache', async () => {
    startContentBridge(page as Window);
    await settle();
    capture(JSON.stringify(request('a')));
    calls[0]!.resolve(['a']);
    await settle();
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    page.dispatchEvent(new Event('pagehide'));
    const back = new Event('pageshow') as Event & { persisted: boolean };
    Object.defineProperty(back, 'persisted', { value: true });
    page.dispatchEvent(back);
    capture(JSON.stringify(request('b')));
    expect(set.mock.calls).toEqual([]);
  });

  it.each([
    ['an object instead of a string', { id: 'a' }],
    ['text that is not JSON', '{"id":'],
    ['JSON of the wrong shape', JSON.stringify({ ...request('a'), transport: 'websocket' })],
    ['an oversized detail', 'x'.repeat(4 * 1024 * 1024 + 1)],
  ])('rejects %s and sends nothing', (_, detail) => {
    const bridge = startContentBridge(page as Window);
    capture(detail);
    expect(calls).toHaveLength(0);
    expect(bridge.stats.rejected).toBe(1);
  });

  it('ignores a capture id it already holds and rate-limits what a page may push', () => {
    const bridge = startContentBridge(page as Window);
    capture(JSON.stringify(request('same')));
    capture(JSON.stringify(request('same')));
    expect(calls).toHaveLength(1);
    expect(bridge.stats.rejected).toBe(1);
    for (let i = 0; i < 400; i++) capture(JSON.stringify(request(`r${i}`)));
    expect(calls).toHaveLength(300);
    expect(bridge.stats.rateLimited).toBe(101);
  });
});
