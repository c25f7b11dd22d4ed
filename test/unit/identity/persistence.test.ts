import { describe, expect, it } from 'vitest';
import { type IdentityState, type PersistenceSnapshot, reduceIdentity } from '../../../src/core/identity';
import { FakePostHog, FakeTab, T0, TOKEN } from './fakePostHog';

interface Case {
  name: string;
  run: (tab: FakeTab) => PersistenceSnapshot[];
  /** The snapshot the token reports (index into the returned list), or null. */
  reported: number | null;
  mismatch: boolean;
}

function reduce(run: Case['run']): { state: IdentityState; snapshots: PersistenceSnapshot[] } {
  const tab = new FakeTab();
  const snapshots = run(tab);
  const { tokens } = reduceIdentity(tab.events, snapshots);
  expect(tokens).toHaveLength(1);
  return { state: tokens[0]!, snapshots };
}

/** Anonymous pageview, identify at 1 s, a capture at 2 s. */
function loggedIn(tab: FakeTab): FakePostHog {
  const ph = new FakePostHog(tab);
  ph.at(0).pageview();
  ph.at(1_000).identify('user-1');
  ph.at(2_000).capture('checkout');
  return ph;
}

describe('persistence snapshots', () => {
  it.each<Case>([
    {
      name: 'localStorage agreeing with the events',
      run: (tab) => [loggedIn(tab).snapshot(3_000)],
      reported: 0,
      mismatch: false,
    },
    {
      name: 'an id no event used, read after the last event but held since before it: a mismatch',
      run: (tab) => [loggedIn(tab).snapshot(3_000, { distinctId: 'left-over', unchangedSince: T0 + 500 })],
      reported: 0,
      mismatch: true,
    },
    {
      name: 'an id no event used, first read after the last event: the SDK may not have sent it yet',
      run: (tab) => [loggedIn(tab).snapshot(3_000, { distinctId: 'left-over', unchangedSince: T0 + 2_500 })],
      reported: 0,
      mismatch: false,
    },
    {
      name: 'a cookie agreeing with the events',
      run: (tab) => [loggedIn(tab).snapshot(3_000, { source: 'cookie' })],
      reported: 0,
      mismatch: false,
    },
    {
      name: 'no storage entry (memory persistence): reported, never a mismatch',
      run: (tab) => [
        loggedIn(tab).snapshot(3_000, { source: 'none', distinctId: null, deviceId: null, userState: null, sessionId: null }),
      ],
      reported: 0,
      mismatch: false,
    },
    {
      name: 'the newest of several snapshots is reported and compared',
      run: (tab) => {
        const ph = loggedIn(tab);
        ph.at(4_000).capture('later');
        return [ph.snapshot(3_000, { distinctId: 'stale' }), ph.snapshot(3_500)];
      },
      reported: 1,
      mismatch: false,
    },
    {
      name: 'a custom persistence name, matched by the current distinct id',
      run: (tab) => [loggedIn(tab).snapshot(3_000, { name: 'ph_myapp', token: null })],
      reported: 0,
      mismatch: false,
    },
    {
      name: 'a custom persistence name after logout, matched by the kept device id (reset sent nothing yet)',
      run: (tab) => {
        const ph = loggedIn(tab);
        ph.reset();
        return [ph.snapshot(3_000, { name: 'ph_myapp', token: null })];
      },
      reported: 0,
      mismatch: false,
    },
    {
      name: 'a custom persistence name matching no token is left out',
      run: (tab) => {
        loggedIn(tab);
        return [{ ...new FakePostHog(new FakeTab()).snapshot(3_000), name: 'ph_other', token: null }];
      },
      reported: null,
      mismatch: false,
    },
    {
      name: 'read before identify: older than the newest transition, not compared',
      run: (tab) => [loggedIn(tab).snapshot(500, { distinctId: 'user-1', userState: 'identified' })],
      reported: 0,
      mismatch: false,
    },
    {
      name: 'read before any event: nothing to compare',
      run: (tab) => {
        const ph = loggedIn(tab);
        return [ph.snapshot(-1_000, { distinctId: 'whatever' })];
      },
      reported: 0,
      mismatch: false,
    },
    {
      name: 'an unknown id with no event after it (identify while identified, not sent yet)',
      run: (tab) => {
        const ph = loggedIn(tab);
        ph.identify('user-2');
        return [ph.snapshot(3_000)];
      },
      reported: 0,
      mismatch: false,
    },
    {
      name: 'an unknown id while the events go on with another',
      run: (tab) => {
        const ph = loggedIn(tab);
        ph.at(4_000).capture('later');
        return [ph.snapshot(3_000, { distinctId: 'someone-else' })];
      },
      reported: 0,
      mismatch: true,
    },
    {
      name: 'storage still holding the anonymous id after identify',
      run: (tab) => {
        const ph = loggedIn(tab);
        const anon = tab.events[0]!.properties.distinct_id as string;
        return [ph.snapshot(3_000, { distinctId: anon, userState: 'anonymous' })];
      },
      reported: 0,
      mismatch: true,
    },
    {
      name: 'the same id, but stored as anonymous while the events are identified',
      run: (tab) => [loggedIn(tab).snapshot(3_000, { userState: 'anonymous' })],
      reported: 0,
      mismatch: true,
    },
    {
      name: 'events in flight: an event stamped after readAt is not compared',
      run: (tab) => {
        const ph = loggedIn(tab);
        ph.at(5_000).reset();
        const snapshot = ph.snapshot(4_990);
        ph.at(5_000).pageview();
        return [snapshot];
      },
      reported: 0,
      mismatch: false,
    },
  ])('$name', ({ run, reported, mismatch }) => {
    const { state, snapshots } = reduce(run);
    expect(state.persistence).toBe(reported === null ? null : snapshots[reported]);
    expect(state.warnings.map((w) => w.kind)).toEqual(mismatch ? ['persistence-mismatch'] : []);
  });

  it('names the entry, its source and both ids', () => {
    const { state } = reduce((tab) => {
      const ph = loggedIn(tab);
      ph.at(4_000).capture('later');
      return [ph.snapshot(3_000, { distinctId: 'someone-else', source: 'cookie' })];
    });
    expect(state.warnings[0]).toMatchObject({ ref: null, at: new Date(T0 + 3_000).toISOString() });
    expect(state.warnings[0]!.message).toBe(
      `The SDK's cookie entry ph_${TOKEN}_posthog holds distinct id "someone-else", but the events sent before it was read used "user-1".`,
    );
  });

  it('gives a token known only from its snapshot a state of its own', () => {
    const tab = new FakeTab();
    const ph = new FakePostHog(tab, { token: 'phc_quiet' });
    const { tokens } = reduceIdentity([], [ph.snapshot(0)]);
    expect(tokens).toMatchObject([{ token: 'phc_quiet', distinctId: null, eventCount: 0, timeline: [], warnings: [], persistence: { token: 'phc_quiet' } }]);
  });

  it('attributes snapshots of two tokens to their own states', () => {
    const tab = new FakeTab();
    const shop = new FakePostHog(tab, { token: 'phc_shop' });
    const blog = new FakePostHog(tab, { token: 'phc_blog' });
    shop.at(0).pageview();
    blog.at(0).pageview();
    const custom = { ...blog.snapshot(1_000), name: 'ph_blog', token: null };
    const { tokens } = reduceIdentity(tab.events, [shop.snapshot(1_000), custom]);
    expect(tokens.map((t) => [t.token, t.persistence?.name])).toEqual([
      ['phc_shop', 'ph_phc_shop_posthog'],
      ['phc_blog', 'ph_blog'],
    ]);
  });
});
