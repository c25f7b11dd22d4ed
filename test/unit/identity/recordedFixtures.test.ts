/**
 * The reducer over what real posthog-js versions sent (test/fixtures/wire, recorded by record.ts):
 * pageview → identify('user-1', {email}, {first_seen}) → click, custom → alias → group → reset() →
 * click, before_unload, $pageleave. No warnings: it is a correct flow.
 *
 * What the recordings exercise: in 1.130 and 1.300 the `custom` event rode the queue with `offset`,
 * so its decoded timestamp lands ~30–50 ms after `$identify` while it still carries the anonymous
 * id (a late event of the merged id, not a switch); 1.300 and 1.449 send the pre-identify events
 * with `$process_person_profile: false` (identified_only), which is no finding before identify.
 */
import { describe, expect, it } from 'vitest';
import { type IdentityEvent, reduceIdentity } from '../../../src/core/identity';
import { decodeRequest } from '../../../src/core/wire';
import { FIXTURE_TOKEN, RECORDED_VERSIONS, readWireFixture, toDecodeInput } from '../../fixtures/wire/wireFixture';

/** As the tab buffer keeps them: keyed by uuid, numbered in arrival order, one page. */
function recordedEvents(version: string): IdentityEvent[] {
  let seq = 1;
  return readWireFixture(version).requests.flatMap((request, r) =>
    decodeRequest(toDecodeInput(request)).events.map(({ uuid, ...event }, i) => ({ ...event, key: uuid ?? `${r}#${i}`, seq: seq++, page: 1 })),
  );
}

describe.each(RECORDED_VERSIONS)('recorded posthog-js %s', (version) => {
  const events = recordedEvents(version);
  const named = (name: string) => events.find((e) => e.event === name)!;
  const anon = named('$pageview').properties.distinct_id as string;
  const afterReset = named('$pageleave').properties.distinct_id as string;

  it('gives the flow as the SDK went through it, with no warnings', () => {
    const { tokens } = reduceIdentity(events);
    expect(tokens).toHaveLength(1);
    const [state] = tokens;

    expect(state!.warnings).toEqual([]);
    expect(state!.timeline).toMatchObject([
      { kind: 'first-seen', distinctId: anon, identified: false },
      { kind: 'identify', distinctId: 'user-1', anonDistinctId: anon },
      { kind: 'alias', distinctId: 'user-1', alias: 'alias-1' },
      { kind: 'group', groupType: 'company', groupKey: 'c1', properties: { name: 'C' } },
      { kind: 'reset', previousDistinctId: 'user-1', distinctId: afterReset, deviceIdChanged: false },
    ]);
    expect(state).toMatchObject({
      token: FIXTURE_TOKEN,
      distinctId: afterReset,
      identified: false,
      deviceId: anon, // posthog-js uses the first anonymous id as the device id and keeps it on reset
      sessionId: named('$pageleave').properties.$session_id,
      windowId: named('$pageleave').properties.$window_id,
      groups: {},
      distinctIds: [anon, 'user-1', 'alias-1', afterReset],
      eventCount: 9,
      libVersion: version,
    });
  });

  it('orders by timestamp, whatever the arrival order', () => {
    const reversed = events.map((event, i) => ({ ...event, seq: events.length - i }));
    expect(reduceIdentity(reversed).tokens[0]!.timeline.map((e) => [e.kind, e.ref.key])).toEqual(
      reduceIdentity(events).tokens[0]!.timeline.map((e) => [e.kind, e.ref.key]),
    );
  });

  it('finds nothing wrong with persistence read after the last event', () => {
    const last = events.at(-1)!;
    const snapshot = {
      name: `ph_${FIXTURE_TOKEN}_posthog`,
      token: FIXTURE_TOKEN,
      source: 'localStorage' as const,
      readAt: Date.parse(last.timestamp) + 50,
      distinctId: afterReset,
      deviceId: anon,
      userState: 'anonymous',
      sessionId: last.properties.$session_id as string,
      storedPersonProperties: null,
    };
    const [state] = reduceIdentity(events, [snapshot]).tokens;
    expect(state!.warnings).toEqual([]);
    expect(state!.persistence).toBe(snapshot);
  });

  it('reads no more into it when the SDK sent no uuids', () => {
    const withoutUuids = events.map((event, i) => ({ ...event, key: `request#${i}` }));
    const [state] = reduceIdentity(withoutUuids).tokens;
    expect(state!.warnings).toEqual([]);
    expect(state!.timeline.map((e) => e.kind)).toEqual(['first-seen', 'identify', 'alias', 'group', 'reset']);
  });
});

it('the offset-stamped custom event of 1.130 and 1.300 does land after $identify with the anonymous id', () => {
  for (const version of ['1.130.2', '1.300.0']) {
    const events = recordedEvents(version);
    const identify = events.find((e) => e.event === '$identify')!;
    const custom = events.find((e) => e.event === 'custom')!;
    expect(Date.parse(custom.timestamp)).toBeGreaterThan(Date.parse(identify.timestamp));
    expect(custom.properties.distinct_id).toBe(identify.properties.$anon_distinct_id);
  }
});
