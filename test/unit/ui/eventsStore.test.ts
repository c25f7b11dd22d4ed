import 'fake-indexeddb/auto';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createCaptureIntake } from '../../../src/capture/captureIntake';
import { forgetAllTabs, readTab, readTabTail } from '../../../src/capture/eventStore';
import type { CapturedRequest } from '../../../src/messaging/protocol';
import { compileFilter } from '../../../src/ui/events/eventFilter';
import { followTabEvents, useEventsStore } from '../../../src/ui/stores/eventsStore';

/** One posthog-js request carrying these events. */
function request(id: string, events: { uuid: string; event: string; token?: string }[]): CapturedRequest {
  const batch = events.map(({ uuid, event, token = 'phc_a' }) => ({ uuid, event, properties: { distinct_id: 'd', token } }));
  return {
    id,
    url: 'https://t.example/e/',
    method: 'POST',
    contentType: 'application/json',
    transport: 'fetch',
    sentAt: Date.parse('2026-01-01T00:00:10Z'),
    body: { kind: 'text', text: JSON.stringify({ api_key: 'phc_a', batch }) },
  };
}

const NAMES = ['$pageview', '$autocapture', 'signed_up', '$identify', '$feature_flag_called'];
const events = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => ({ uuid: `u-${from + i}`, event: NAMES[(from + i) % NAMES.length]! }));

/** The store's derived fields, computed the slow way from its events. */
function recomputed() {
  const state = useEventsStore.getState();
  const counts = new Map<string, number>();
  for (const event of state.events) counts.set(event.event, (counts.get(event.event) ?? 0) + 1);
  return { shown: state.events.filter(compileFilter(state)).map((e) => e.key), nameCounts: counts };
}

const loaded = () => vi.waitFor(() => expect(useEventsStore.getState().loading).toBe(false), { timeout: 10_000 });

describe('events store', () => {
  const intake = createCaptureIntake();
  let unfollow: () => void = () => {};

  beforeAll(() => {
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => setTimeout(() => callback(0), 0));
  });
  beforeEach(async () => {
    fakeBrowser.reset();
    await forgetAllTabs();
  });
  afterEach(() => unfollow());

  it('reads the newest events in one go, fewer when duplicates used up sequence numbers', async () => {
    await intake.ingest(1, [request('a', events(0, 300))]);
    const tail = await readTabTail(1, 100);
    expect(tail.events.map((e) => e.seq)).toEqual(Array.from({ length: 100 }, (_, i) => 201 + i));
    expect(tail).toMatchObject({ fromSeq: 201, count: 300 });

    await intake.ingest(1, [request('a', events(250, 50))]);
    const afterRetry = await readTabTail(1, 100);
    expect(afterRetry.events.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 251 + i));
    expect(afterRetry.fromSeq).toBe(251);
  });

  it('loads a whole large buffer, in order, even when its newest numbers hold no event', async () => {
    await intake.ingest(2, [request('a', events(0, 50)), request('b', events(50, 1200))]);
    // A retried request: 200 numbers used up by duplicates at the newest end.
    await intake.ingest(2, [request('b', events(1050, 200))]);
    unfollow = followTabEvents(2);
    await loaded();
    const state = useEventsStore.getState();
    expect(state.events.map((e) => e.key)).toEqual((await readTab(2)).events.map((e) => e.key));
    expect(state.events).toHaveLength(1250);
    expect(state.shown.map((e) => e.key)).toEqual(recomputed().shown);
    expect(state.nameCounts).toEqual(recomputed().nameCounts);
  });

  it('merges events that arrive while the buffer loads, once each and in order', async () => {
    await intake.ingest(3, [request('a', events(0, 2000))]);
    unfollow = followTabEvents(3);
    await intake.ingest(3, [request('b', events(2000, 3))]);
    await vi.waitFor(() => expect(useEventsStore.getState().events.length).toBeGreaterThan(0));
    await intake.ingest(3, [request('c', events(2003, 3))]);
    await loaded();
    await vi.waitFor(() => expect(useEventsStore.getState().events).toHaveLength(2006));
    const keys = useEventsStore.getState().events.map((e) => e.key);
    expect(keys).toEqual(Array.from({ length: 2006 }, (_, i) => `u-${i}`));
  });

  it('keeps the shown events, name counts and tokens in step with arrivals and filter changes', async () => {
    await intake.ingest(4, [request('a', events(0, 40))]);
    unfollow = followTabEvents(4);
    await loaded();
    const store = useEventsStore.getState();
    store.toggleCategory('autocapture');
    store.setSearch('signed');
    await intake.ingest(4, [request('b', [...events(40, 20), { uuid: 'other', event: 'signed_up', token: 'phc_b' }])]);
    await vi.waitFor(() => expect(useEventsStore.getState().events).toHaveLength(61));
    expect(useEventsStore.getState().shown.map((e) => e.key)).toEqual(recomputed().shown);
    expect(useEventsStore.getState().shown.every((e) => e.event === 'signed_up')).toBe(true);
    expect(useEventsStore.getState().nameCounts).toEqual(recomputed().nameCounts);
    expect(useEventsStore.getState().tokens).toEqual(new Set(['phc_a', 'phc_b']));

    useEventsStore.getState().setSearch('');
    useEventsStore.getState().toggleCategory('autocapture');
    expect(useEventsStore.getState().shown).toHaveLength(61);

    useEventsStore.getState().setPaused(true);
    await intake.ingest(4, [request('c', events(61, 5))]);
    await vi.waitFor(() => expect(useEventsStore.getState().held).toHaveLength(5));
    expect(useEventsStore.getState().shown).toHaveLength(61);
    useEventsStore.getState().setPaused(false);
    expect(useEventsStore.getState().shown.map((e) => e.key)).toEqual(recomputed().shown);
    expect(useEventsStore.getState().shown).toHaveLength(66);
  });
});
