import { describe, expect, it } from 'vitest';
import { type IdentityState, type PersistenceSnapshot, type WarningKind, reduceIdentity } from '../../../src/core/identity';
import { FakePostHog, FakeTab, T0, TOKEN, rawEvent, uuid } from './fakePostHog';

interface Scenario {
  name: string;
  run: (tab: FakeTab) => PersistenceSnapshot[] | void;
  warnings: WarningKind[];
  /** Words the first warning's message must name (the ids involved). */
  names?: string[];
}

function reduce(run: Scenario['run']): IdentityState {
  const tab = new FakeTab();
  const snapshots = run(tab) ?? [];
  const { tokens } = reduceIdentity(tab.events, snapshots);
  expect(tokens).toHaveLength(1);
  return tokens[0]!;
}

/** A user logged in on an anonymous visit. */
function loggedIn(tab: FakeTab, id = 'user-1'): FakePostHog {
  const ph = new FakePostHog(tab);
  ph.at(0).pageview();
  ph.at(1_000).identify(id);
  return ph;
}

describe('QA checks: each mistake alone gives exactly its warning', () => {
  it.each<Scenario>([
    {
      name: 'identify with a new id while identified (no reset on logout)',
      run: (tab) => {
        const ph = loggedIn(tab);
        ph.at(5_000).identify('user-2');
        ph.capture('checkout');
      },
      warnings: ['switch-without-identify'],
      names: ['"user-1"', '"user-2"'],
    },
    {
      name: 'identify with "undefined"',
      run: (tab) => {
        loggedIn(tab, 'undefined').capture('after');
      },
      warnings: ['suspicious-identify-id'],
      names: ['"undefined"'],
    },
    {
      name: 'a switch to "null" while identified: both the switch and the id',
      run: (tab) => {
        const ph = loggedIn(tab);
        ph.at(5_000).identify('null');
        ph.capture('checkout');
      },
      warnings: ['switch-without-identify', 'suspicious-identify-id'],
    },
    {
      name: 'the pre-reset id sent 5 s after the reset (a server-side call)',
      run: (tab) => {
        const ph = loggedIn(tab);
        ph.at(10_000).reset();
        ph.pageview();
        tab.arrive([rawEvent('order_shipped', { distinct_id: 'user-1' }, 15_000)]);
        ph.at(16_000).capture('browse');
      },
      warnings: ['old-id-after-reset'],
      names: ['"user-1"', 'order_shipped'],
    },
    {
      name: '$set_once on a key already set to another value',
      run: (tab) => {
        const ph = loggedIn(tab);
        ph.setPersonProperties(undefined, { plan_at_signup: 'free' });
        ph.setPersonProperties(undefined, { plan_at_signup: 'pro' });
      },
      warnings: ['set-once-conflict'],
      names: ['plan_at_signup', '"free"', '"pro"', '"user-1"'],
    },
    {
      name: 'a password in identify $set',
      run: (tab) => {
        new FakePostHog(tab).identify('user-1', { email: 'ada@example.com', password: 'hunter2' });
      },
      warnings: ['sensitive-person-property'],
      names: ['password'],
    },
    {
      name: 'a card number in setPersonProperties $set_once',
      run: (tab) => {
        const ph = loggedIn(tab);
        ph.setPersonProperties(undefined, { billing: { card: '4242 4242 4242 4242' } });
      },
      warnings: ['sensitive-person-property'],
      names: ['billing.card', 'card number'],
    },
    {
      name: 'personless captures after identify: one warning per run',
      run: (tab) => {
        const ph = loggedIn(tab);
        ph.capture('a', { $process_person_profile: false });
        ph.capture('b', { $process_person_profile: false });
        ph.capture('c');
        ph.capture('d', { $process_person_profile: false });
      },
      warnings: ['personless-after-identify', 'personless-after-identify'],
      names: ['2 events', '"user-1"'],
    },
    {
      name: 'persistence holding another id than the events use',
      run: (tab) => {
        const ph = loggedIn(tab);
        ph.at(3_000).capture('checkout');
        return [ph.snapshot(2_000, { distinctId: 'someone-else', source: 'cookie' })];
      },
      warnings: ['persistence-mismatch'],
      names: ['"someone-else"', '"user-1"', 'cookie'],
    },
    {
      name: 'two instances sharing persistence: two pageviews of one URL',
      run: (tab) => {
        const first = new FakePostHog(tab);
        const second = new FakePostHog(tab, { distinctId: first.distinctId, deviceId: first.deviceId });
        first.at(0).pageview();
        second.at(40).pageview();
      },
      warnings: ['duplicate-instance'],
      names: ['https://shop.example/', TOKEN],
    },
    {
      name: 'two instances: window ids interleaved for seconds',
      run: (tab) => {
        const first = new FakePostHog(tab);
        const second = new FakePostHog(tab, { distinctId: first.distinctId, deviceId: first.deviceId });
        first.at(0).pageview('https://shop.example/a');
        second.at(500).pageview('https://shop.example/b');
        first.at(2_000).capture('clicked');
        second.at(2_100).capture('clicked');
      },
      warnings: ['duplicate-instance'],
      names: ['window-', 'clicked'],
    },
    {
      name: 'two instances: two library versions interleaved (no window ids)',
      run: (tab) => {
        const old = new FakePostHog(tab, { libVersion: '1.130.2' });
        const current = new FakePostHog(tab, { libVersion: '1.449.2', distinctId: old.distinctId, deviceId: old.deviceId });
        old.at(0).capture('a', { $window_id: undefined });
        current.at(100).capture('b', { $window_id: undefined });
        old.at(3_000).capture('c', { $window_id: undefined });
      },
      warnings: ['duplicate-instance'],
      names: ['1.130.2', '1.449.2'],
    },
  ])('$name', ({ run, warnings, names }) => {
    const state = reduce(run);
    expect(state.warnings.map((w) => w.kind)).toEqual(warnings);
    for (const warning of state.warnings) {
      expect(warning.message).toMatch(/\.$/);
      expect(warning.advice).toMatch(/\.$/);
    }
    for (const name of names ?? []) expect(state.warnings[0]!.message).toContain(name);
  });
});

describe('QA checks: what is no mistake', () => {
  it.each<Scenario>([
    {
      name: 'personless events before identify (person_profiles: identified_only) and after reset',
      run: (tab) => {
        const ph = new FakePostHog(tab, { identifiedOnly: true });
        ph.at(0).pageview();
        ph.capture('a');
        ph.at(1_000).identify('user-1');
        ph.capture('b');
        ph.at(5_000).reset();
        ph.pageview();
        ph.capture('c');
      },
      warnings: [],
    },
    {
      name: '$set_once of the same value, and of SDK properties that change per session',
      run: (tab) => {
        const ph = loggedIn(tab);
        ph.setPersonProperties(undefined, { plan_at_signup: 'free', $referrer: 'a', utm_source: null, nested: { a: 1, b: 2 } });
        ph.setPersonProperties(undefined, { plan_at_signup: 'free', $referrer: 'b', utm_source: 'news', nested: { b: 2, a: 1 } });
        ph.setPersonProperties({ plan: 'pro' });
      },
      warnings: [],
    },
    {
      name: 'properties that only sound sensitive, SDK properties and emails',
      run: (tab) => {
        new FakePostHog(tab).identify(
          'user-1',
          {
            email: 'ada@example.com',
            author: 'Ada',
            token_count: 12,
            has_password: true,
            password_updated_at: '2026-01-01',
            boarding_pass: 'BA117',
            avatar: 'https://cdn.example/ada.png',
            clerk_id: 'user_2NNEqL2nrIRdJ194ndJqAHwEfxC',
            signed_up_ms: '1772445600000',
            $current_url: 'https://shop.example/?token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
          },
          { gclid: 'EAIaIQobChMI8bCd7YqD9wIVQ4BQBh3x5gDKEAAYASAAEgKXHfD_BwE' },
        );
      },
      warnings: [],
    },
    {
      name: 'a second project on the page (another token)',
      run: (tab) => {
        const shop = new FakePostHog(tab);
        const other = new FakePostHog(tab, { token: 'phc_other' });
        shop.at(0).pageview();
        other.at(5).pageview();
        shop.at(2_000).capture('a');
        other.at(2_005).capture('a');
      },
      warnings: [],
    },
    {
      name: 'one instance capturing $pageview twice (same window)',
      run: (tab) => {
        const ph = new FakePostHog(tab);
        ph.at(0).pageview();
        ph.at(100).pageview();
      },
      warnings: [],
    },
    {
      name: 'a reload of the same URL within a second (window id restored, next page)',
      run: (tab) => {
        const ph = new FakePostHog(tab);
        ph.at(0).pageview();
        tab.navigate();
        ph.at(400).pageview();
      },
      warnings: [],
    },
    {
      name: 'logout then a pageview of the same URL right away (new id, new window)',
      run: (tab) => {
        const ph = loggedIn(tab);
        ph.at(2_000).pageview();
        ph.at(2_100).reset();
        ph.pageview();
      },
      warnings: [],
    },
    {
      name: 'an SDK upgrade between two page loads',
      run: (tab) => {
        const before = new FakePostHog(tab, { libVersion: '1.300.0' });
        before.at(0).pageview();
        tab.navigate();
        const after = new FakePostHog(tab, { libVersion: '1.449.2', distinctId: before.distinctId, deviceId: before.deviceId, windowId: before.windowId });
        after.at(3_000).pageview();
        before.at(5_000);
      },
      warnings: [],
    },
    {
      name: 'identify with a plain user id, an email, a numeric id',
      run: (tab) => {
        const ph = loggedIn(tab, 'ada@example.com');
        ph.at(5_000).reset();
        ph.pageview();
        ph.at(6_000).identify('42');
      },
      warnings: [],
    },
  ])('$name', ({ run, warnings }) => {
    const tab = new FakeTab();
    const snapshots = run(tab) ?? [];
    const { tokens } = reduceIdentity(tab.events, snapshots);
    expect(tokens.flatMap((t) => t.warnings).map((w) => w.kind)).toEqual(warnings);
  });
});

describe('QA checks: details', () => {
  it.each([
    ['undefined'],
    ['null'],
    ['NaN'],
    ['[object Object]'],
    ['0'],
    ['-1'],
    ['anonymous'],
    ['guest'],
    ['   '],
    ["''"],
    ['""'],
    ['"null"'],
    [uuid(999)],
    ['x'.repeat(201)],
  ])('identify(%j) is suspicious', (id) => {
    const state = reduce((tab) => void loggedIn(tab, id));
    expect(state.warnings.map((w) => w.kind)).toEqual(['suspicious-identify-id']);
    expect(state.warnings[0]!.ref).toMatchObject({ event: '$identify' });
  });

  it('keeps the current id when the old one comes back after a reset, and warns once per id', () => {
    const tab = new FakeTab();
    const ph = loggedIn(tab);
    ph.at(10_000).reset();
    ph.pageview();
    const anon = ph.distinctId;
    tab.arrive([rawEvent('late_1', { distinct_id: 'user-1' }, 15_000), rawEvent('late_2', { distinct_id: 'user-1' }, 16_000)]);
    const [state] = reduceIdentity(tab.events).tokens;

    expect(state!.distinctId).toBe(anon);
    expect(state!.warnings).toMatchObject([{ kind: 'old-id-after-reset', ref: { event: 'late_1' }, at: new Date(T0 + 15_000).toISOString() }]);
    expect(state!.warnings[0]!.message).toContain(`"${anon}"`);
  });

  it('sorts warnings by time and reports a persistence finding at its read time without an event', () => {
    const tab = new FakeTab();
    const ph = loggedIn(tab, 'undefined');
    ph.at(3_000).capture('x', { $process_person_profile: false });
    const snapshot = ph.snapshot(2_000, { distinctId: 'other', userState: 'identified' });
    const [state] = reduceIdentity(tab.events, [snapshot]).tokens;

    expect(state!.warnings.map((w) => [w.kind, w.at])).toEqual([
      ['suspicious-identify-id', new Date(T0 + 1_000).toISOString()],
      ['persistence-mismatch', new Date(T0 + 2_000).toISOString()],
      ['personless-after-identify', new Date(T0 + 3_000).toISOString()],
    ]);
    expect(state!.warnings[1]!.ref).toBeNull();
  });

  it('names the sensitive key, never the value', () => {
    const state = reduce((tab) => void new FakePostHog(tab).identify('user-1', { api_key: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc' }));
    expect(state.warnings).toHaveLength(1);
    expect(state.warnings[0]!.message).toContain('"api_key"');
    expect(state.warnings[0]!.message).not.toContain('sk_live_4eC39HqLyjWDarjtT1zdp7dc');
  });
});
