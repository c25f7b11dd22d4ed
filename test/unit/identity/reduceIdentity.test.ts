import { describe, expect, it } from 'vitest';
import { type IdentityEvent, type IdentityState, NO_TOKEN, reduceIdentity } from '../../../src/core/identity';
import { orderEvents } from '../../../src/core/identity/eventOrder';
import { FakePostHog, type FakePostHogOptions, FakeTab, T0, TOKEN, iso, rawEvent } from './fakePostHog';

const only = (events: readonly IdentityEvent[]): IdentityState => {
  const { tokens } = reduceIdentity(events);
  expect(tokens).toHaveLength(1);
  return tokens[0]!;
};
const kinds = (state: IdentityState) => state.timeline.map((entry) => entry.kind);

interface Flow {
  name: string;
  run: (tab: FakeTab) => FakePostHog;
  timeline: string[];
  identified: boolean;
}

/** Anonymous browsing → login → alias → group → logout → browse → login as someone else. */
function correctFlow(tab: FakeTab, options: FakePostHogOptions = {}, resetDevice = false): FakePostHog {
  const ph = new FakePostHog(tab, { identifiedOnly: true, ...options });
  correctFlowSteps(ph, tab, resetDevice);
  return ph;
}

function correctFlowSteps(ph: FakePostHog, tab: FakeTab, resetDevice = false): void {
  ph.at(0).pageview();
  ph.capture('viewed_product', { sku: 'A1' });
  ph.at(4_000).identify('user-1', { email: 'ada@example.com', plan: 'pro' }, { signed_up_at: '2026-03-01' });
  ph.alias('legacy-42');
  ph.group('company', 'acme', { name: 'Acme' });
  ph.capture('checkout');
  ph.at(20_000).reset(resetDevice);
  tab.navigate();
  ph.pageview('https://shop.example/bye');
  ph.capture('viewed_product', { sku: 'B2' });
  ph.at(40_000).identify('user-2', { email: 'bob@example.com' }, { signed_up_at: '2026-03-02' });
  ph.capture('checkout');
}

describe('reduceIdentity: flows', () => {
  it.each<Flow>([
    {
      name: 'the correct flow',
      run: (tab) => correctFlow(tab),
      timeline: ['first-seen', 'identify', 'alias', 'group', 'reset', 'identify'],
      identified: true,
    },
    {
      name: 'the correct flow, reset(true) minting a new device id',
      run: (tab) => correctFlow(tab, {}, true),
      timeline: ['first-seen', 'identify', 'alias', 'group', 'reset', 'identify'],
      identified: true,
    },
    {
      name: 'the correct flow from an SDK without uuids and without $is_identified',
      run: (tab) => correctFlow(tab, { withoutUuids: true, withoutIsIdentified: true }),
      timeline: ['first-seen', 'identify', 'alias', 'group', 'reset', 'identify'],
      identified: true,
    },
    {
      name: 'identify with the current anonymous id: a $set turns it identified',
      run: (tab) => {
        const ph = new FakePostHog(tab, { distinctId: 'customer-7' });
        ph.at(0).pageview();
        ph.identify('customer-7', { email: 'c7@example.com' });
        ph.capture('after');
        return ph;
      },
      timeline: ['first-seen', 'identify'],
      identified: true,
    },
    {
      name: 'a page loaded after login, then logout',
      run: (tab) => {
        const ph = new FakePostHog(tab, { identifiedAs: 'user-9' });
        ph.at(0).pageview();
        ph.at(1_000).reset();
        ph.pageview();
        return ph;
      },
      timeline: ['first-seen', 'reset'],
      identified: false,
    },
    {
      name: 'logout and login at once: reset() then identify() with no capture between',
      run: (tab) => {
        const ph = new FakePostHog(tab);
        ph.at(0).pageview();
        ph.at(1_000).identify('user-1');
        ph.capture('checkout');
        ph.at(5_000).reset();
        ph.identify('user-2');
        ph.capture('checkout');
        return ph;
      },
      timeline: ['first-seen', 'identify', 'reset', 'identify'],
      identified: true,
    },
    {
      name: 'reset while anonymous',
      run: (tab) => {
        const ph = new FakePostHog(tab);
        ph.at(0).pageview();
        ph.at(3_000).reset();
        ph.pageview();
        return ph;
      },
      timeline: ['first-seen', 'reset'],
      identified: false,
    },
  ])('$name: no warnings', ({ run, timeline, identified }) => {
    const tab = new FakeTab();
    const ph = run(tab);
    const state = only(tab.events);

    expect(state.warnings).toEqual([]);
    expect(kinds(state)).toEqual(timeline);
    expect(state).toMatchObject({ token: TOKEN, distinctId: ph.distinctId, identified, deviceId: ph.deviceId, eventCount: tab.events.length });
  });

  it('the correct flow: state, ids, merges and the reset', () => {
    const tab = new FakeTab();
    const ph = new FakePostHog(tab, { identifiedOnly: true });
    const anon1 = ph.distinctId;
    const device = ph.deviceId;
    correctFlowSteps(ph, tab);
    const anon2 = tab.events.find((e) => e.properties.$current_url === 'https://shop.example/bye')!.properties.distinct_id;
    const state = only(tab.events);

    expect(state.distinctIds).toEqual([anon1, 'user-1', 'legacy-42', anon2, 'user-2']);
    expect(state.timeline).toMatchObject([
      { kind: 'first-seen', distinctId: anon1, identified: false, ref: { event: '$pageview' } },
      { kind: 'identify', distinctId: 'user-1', anonDistinctId: anon1, ref: { event: '$identify' } },
      { kind: 'alias', distinctId: 'user-1', alias: 'legacy-42' },
      { kind: 'group', groupType: 'company', groupKey: 'acme', properties: { name: 'Acme' } },
      { kind: 'reset', previousDistinctId: 'user-1', distinctId: anon2, deviceIdChanged: false, at: iso(T0 + 20_000) },
      { kind: 'identify', distinctId: 'user-2', anonDistinctId: anon2 },
    ]);
    // reset() cleared the groups and started a new person.
    expect(state.groups).toEqual({});
    expect(state.personProperties).toEqual({
      email: { value: 'bob@example.com', via: '$set', ref: expect.objectContaining({ event: '$identify' }) },
      signed_up_at: { value: '2026-03-02', via: '$set_once', ref: expect.objectContaining({ event: '$identify' }) },
    });
    expect(state).toMatchObject({ deviceId: device, sessionId: ph.sessionId, windowId: ph.windowId, libVersion: '1.449.2' });
  });

  it('keeps groups and person properties of the identified person until reset', () => {
    const tab = new FakeTab();
    const ph = new FakePostHog(tab);
    ph.at(0).pageview();
    ph.identify('user-1', { email: 'ada@example.com' }, { signed_up_at: '2026-03-01' });
    ph.group('company', 'acme');
    ph.group('team', 'blue');
    ph.capture('checkout');
    const state = only(tab.events);

    expect(state.groups).toEqual({ company: 'acme', team: 'blue' });
    expect(Object.keys(state.personProperties)).toEqual(['signed_up_at', 'email']);
  });

  it('reports reset(true) as a device id change', () => {
    const tab = new FakeTab();
    correctFlow(tab, {}, true);
    expect(only(tab.events).timeline.find((e) => e.kind === 'reset')).toMatchObject({ deviceIdChanged: true });
  });

  it('counts a switch between identified ids without identify, and a switch from anonymous when the $identify was never seen', () => {
    const tab = new FakeTab();
    const ph = new FakePostHog(tab);
    ph.at(0).pageview();
    ph.at(1_000).capture('logged_in_elsewhere', { distinct_id: 'user-1', $is_identified: true });
    const state = only(tab.events);

    expect(state.timeline).toMatchObject([{ kind: 'first-seen' }, { kind: 'switch', previousDistinctId: ph.distinctId, distinctId: 'user-1' }]);
    expect(state.identified).toBe(true);
    expect(state.warnings).toEqual([]);
  });
});

describe('reduceIdentity: switches', () => {
  it('switches back to an earlier identified id (identify while identified, twice)', () => {
    const tab = new FakeTab();
    const ph = new FakePostHog(tab);
    ph.at(0).identify('user-1');
    ph.at(2_000).identify('user-2');
    ph.capture('as_user_2');
    ph.at(4_000).identify('user-1');
    ph.capture('as_user_1');
    const state = only(tab.events);

    expect(state.timeline).toMatchObject([
      { kind: 'first-seen' },
      { kind: 'identify', distinctId: 'user-1' },
      { kind: 'switch', previousDistinctId: 'user-1', distinctId: 'user-2' },
      { kind: 'switch', previousDistinctId: 'user-2', distinctId: 'user-1' },
    ]);
    expect(state.warnings.map((w) => w.kind)).toEqual(['switch-without-identify', 'switch-without-identify']);
    expect(state).toMatchObject({ distinctId: 'user-1', distinctIds: [expect.any(String), 'user-1', 'user-2'] });
  });

  it('keeps the reset and its merge apart when reset() and identify() come back to back', () => {
    const tab = new FakeTab();
    const ph = new FakePostHog(tab);
    ph.at(0).identify('user-1');
    ph.at(5_000).reset();
    const anon = ph.distinctId;
    ph.identify('user-2');
    const state = only(tab.events);

    expect(state.timeline.slice(-2)).toMatchObject([
      { kind: 'reset', previousDistinctId: 'user-1', distinctId: anon, ref: { event: '$identify' } },
      { kind: 'identify', distinctId: 'user-2', anonDistinctId: anon },
    ]);
    // user-1 is no longer this person's: it comes back as an old id, not as a merge.
    tab.arrive([rawEvent('late', { distinct_id: 'user-1' }, 9_000)]);
    expect(only(tab.events).warnings.map((w) => w.kind)).toEqual(['old-id-after-reset']);
  });
});

describe('reduceIdentity: batches that arrive late', () => {
  it('replays a late anonymous batch before the identify it preceded: no switch, no warning', () => {
    const tab = new FakeTab();
    const ph = new FakePostHog(tab);
    const anon = ph.distinctId;
    ph.at(0).pageview();
    ph.hold();
    ph.at(1_000).capture('clicked');
    ph.capture('scrolled');
    const queued = ph.takeHeld();
    ph.at(2_000).identify('user-1'); // sent at once
    tab.arrive(queued); // the queue flushes after it
    ph.at(3_000).capture('checkout');
    const state = only(tab.events);

    expect(tab.events.map((e) => e.event)).toEqual(['$pageview', '$identify', 'clicked', 'scrolled', 'checkout']);
    expect(state.timeline).toMatchObject([
      { kind: 'first-seen', distinctId: anon },
      { kind: 'identify', distinctId: 'user-1', anonDistinctId: anon, at: iso(T0 + 2_000) },
    ]);
    expect(state.warnings).toEqual([]);
    expect(state).toMatchObject({ distinctId: 'user-1', identified: true, eventCount: 5, distinctIds: [anon, 'user-1'] });
  });

  it('takes the first-seen entry from the earliest timestamp, not the first arrival', () => {
    const tab = new FakeTab();
    const ph = new FakePostHog(tab);
    ph.hold();
    ph.at(0).pageview();
    ph.capture('clicked');
    ph.at(2_000).identify('user-1');
    const [pageview, clicked, identify] = ph.takeHeld();
    tab.arrive([identify!, pageview!, clicked!]);
    const state = only(tab.events);

    expect(state.timeline).toMatchObject([
      { kind: 'first-seen', ref: { key: pageview!.key, event: '$pageview' }, at: iso(T0) },
      { kind: 'identify', ref: { key: identify!.key } },
    ]);
    expect(state.warnings).toEqual([]);
  });

  it('treats anonymous events stamped just after identify (offset skew of queued batches) as in flight', () => {
    const tab = new FakeTab();
    const ph = new FakePostHog(tab);
    const anon = ph.distinctId;
    ph.at(0).pageview();
    ph.at(1_000).identify('user-1');
    // posthog-js ≤ 1.300 stamps queued events receivedAt − offset: they can land after identify.
    tab.arrive([rawEvent('custom', { distinct_id: anon, $is_identified: false, $process_person_profile: false }, 1_030)]);
    ph.at(1_100).capture('after');
    const state = only(tab.events);

    expect(kinds(state)).toEqual(['first-seen', 'identify']);
    expect(state.warnings).toEqual([]);
    expect(state.distinctId).toBe('user-1');
  });

  it('treats events of the pre-reset id within a second of the reset as in flight', () => {
    const tab = new FakeTab();
    const ph = new FakePostHog(tab);
    ph.at(0).identify('user-1');
    ph.at(5_000).reset();
    ph.pageview();
    tab.arrive([rawEvent('late', { distinct_id: 'user-1', $is_identified: true }, 5_400)]);
    const state = only(tab.events);

    expect(kinds(state)).toEqual(['first-seen', 'identify', 'reset']);
    expect(state.warnings).toEqual([]);
    expect(state.distinctId).toBe(ph.distinctId);
  });
});

describe('reduceIdentity: tokens', () => {
  it('keeps one state per token, in order of first appearance, and "(no token)" for events without one', () => {
    const tab = new FakeTab();
    const shop = new FakePostHog(tab, { token: 'phc_shop' });
    const blog = new FakePostHog(tab, { token: 'phc_blog' });
    blog.at(0).pageview();
    shop.at(10).pageview();
    shop.at(1_000).identify('user-1');
    blog.at(1_500).capture('read');
    shop.at(2_000).capture('checkout');
    tab.arrive([{ ...rawEvent('orphan', { distinct_id: 'x' }, 2_500), properties: { distinct_id: 'x' } }]);
    const { tokens } = reduceIdentity(tab.events);

    expect(tokens.map((t) => [t.token, t.distinctId, t.identified, t.eventCount])).toEqual([
      ['phc_blog', blog.distinctId, false, 2],
      ['phc_shop', 'user-1', true, 3],
      [NO_TOKEN, 'x', true, 1],
    ]);
    expect(tokens.flatMap((t) => t.warnings)).toEqual([]);
  });
});

describe('reduceIdentity: order', () => {
  const at = (seq: number, timestamp: string): IdentityEvent => ({ key: `k${seq}`, seq, event: 'e', timestamp, properties: {} });
  const NONE = Number.NEGATIVE_INFINITY;

  it.each([
    { name: 'in order already', events: [at(1, iso(T0)), at(2, iso(T0 + 10))], order: [1, 2], times: [0, 10] },
    { name: 'by timestamp', events: [at(1, iso(T0 + 20)), at(2, iso(T0 + 10))], order: [2, 1], times: [10, 20] },
    { name: 'ties by seq', events: [at(2, iso(T0)), at(1, iso(T0))], order: [1, 2], times: [0, 0] },
    {
      name: 'arrival order of the input does not matter',
      events: [at(3, iso(T0 + 5)), at(1, iso(T0)), at(2, iso(T0 + 5))],
      order: [1, 2, 3],
      times: [0, 5, 5],
    },
    {
      name: 'an unparsable timestamp stays right behind its arrival predecessor, with its time',
      events: [at(1, iso(T0 + 100)), at(2, 'not a time'), at(3, iso(T0 + 50)), at(4, iso(T0 + 100))],
      order: [3, 1, 2, 4],
      times: [50, 100, 100, 100],
    },
    { name: 'unparsable with no predecessor sorts first', events: [at(2, iso(T0)), at(1, '')], order: [1, 2], times: [NONE, 0] },
    { name: 'two unparsable first', events: [at(3, iso(T0)), at(2, ''), at(1, 'x')], order: [1, 2, 3], times: [NONE, NONE, 0] },
    {
      name: 'timezone offsets compare as instants',
      events: [at(1, '2026-03-02T11:00:00.000+01:00'), at(2, '2026-03-02T09:59:59.000Z')],
      order: [2, 1],
      times: [-1_000, 0],
    },
  ])('$name', ({ events, order, times }) => {
    const ordered = orderEvents(events);
    expect(ordered.events.map((event) => event.seq)).toEqual(order);
    expect([...ordered.times]).toEqual(times.map((t) => T0 + t));
  });
});
