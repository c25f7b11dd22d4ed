import { describe, expect, it } from 'vitest';
import { type IdentityEvent, reduceIdentity } from '../../../src/core/identity';
import { FakeTab, rawEvent } from './fakePostHog';

type Write = Pick<IdentityEvent, '$set' | '$set_once'> & { inProperties?: Record<string, unknown> };

/** Person property writes by one identified user, in order. */
function personAfter(writes: Write[]) {
  const tab = new FakeTab();
  tab.arrive(
    writes.map(({ inProperties, ...top }, i) => ({
      ...rawEvent('$set', { distinct_id: 'user-1', $is_identified: true, ...inProperties }, i * 1_000),
      key: `w${i}`,
      ...top,
    })),
  );
  const [state] = reduceIdentity(tab.events).tokens;
  return {
    values: Object.fromEntries(Object.entries(state!.personProperties).map(([key, p]) => [key, [p.value, p.via, p.ref.key]])),
    warnings: state!.warnings.map((w) => w.kind),
  };
}

describe('person properties: $set and $set_once as PostHog applies them', () => {
  it.each<{ name: string; writes: Write[]; values: Record<string, unknown>; conflicts: number }>([
    { name: '$set overwrites', writes: [{ $set: { plan: 'free' } }, { $set: { plan: 'pro' } }], values: { plan: ['pro', '$set', 'w1'] }, conflicts: 0 },
    {
      name: '$set_once fills in a missing key',
      writes: [{ $set: { plan: 'free' } }, { $set_once: { first_visit: '2026-03-01' } }],
      values: { plan: ['free', '$set', 'w0'], first_visit: ['2026-03-01', '$set_once', 'w1'] },
      conflicts: 0,
    },
    {
      name: '$set_once never overwrites: the first value stays',
      writes: [{ $set_once: { source: 'ads' } }, { $set_once: { source: 'email' } }],
      values: { source: ['ads', '$set_once', 'w0'] },
      conflicts: 1,
    },
    {
      name: '$set_once of a key set by $set keeps the $set value',
      writes: [{ $set: { source: 'ads' } }, { $set_once: { source: 'email' } }],
      values: { source: ['ads', '$set', 'w0'] },
      conflicts: 1,
    },
    {
      name: '$set_once of the same value is no conflict (objects compared by value)',
      writes: [{ $set_once: { tags: { a: 1, b: [1, 2] } } }, { $set_once: { tags: { b: [1, 2], a: 1 } } }],
      values: { tags: [{ a: 1, b: [1, 2] }, '$set_once', 'w0'] },
      conflicts: 0,
    },
    {
      name: '$set after $set_once overwrites',
      writes: [{ $set_once: { plan: 'free' } }, { $set: { plan: 'pro' } }],
      values: { plan: ['pro', '$set', 'w1'] },
      conflicts: 0,
    },
    {
      name: 'one event: $set_once applies first, then $set',
      writes: [{ $set_once: { plan: 'free' }, $set: { plan: 'pro' } }],
      values: { plan: ['pro', '$set', 'w0'] },
      conflicts: 0,
    },
    {
      name: 'older SDKs: $set and $set_once inside properties',
      writes: [{ inProperties: { $set: { plan: 'free' }, $set_once: { source: 'ads' } } }],
      values: { plan: ['free', '$set', 'w0'], source: ['ads', '$set_once', 'w0'] },
      conflicts: 0,
    },
    {
      name: 'top-level wins over properties on the same key',
      writes: [{ inProperties: { $set: { plan: 'free', seats: 3 } }, $set: { plan: 'pro' } }],
      values: { plan: ['pro', '$set', 'w0'], seats: [3, '$set', 'w0'] },
      conflicts: 0,
    },
    {
      name: 'a null value is a value',
      writes: [{ $set_once: { source: null } }, { $set_once: { source: 'ads' } }],
      values: { source: [null, '$set_once', 'w0'] },
      conflicts: 1,
    },
  ])('$name', ({ writes, values, conflicts }) => {
    const person = personAfter(writes);
    expect(person.values).toEqual(values);
    expect(person.warnings).toEqual(Array(conflicts).fill('set-once-conflict'));
  });

  it('warns once for the same refused value, again for another', () => {
    const person = personAfter([
      { $set_once: { source: 'ads' } },
      { $set_once: { source: 'email' } },
      { $set_once: { source: 'email' } },
      { $set_once: { source: 'social' } },
    ]);
    expect(person.warnings).toEqual(['set-once-conflict', 'set-once-conflict']);
  });
});
