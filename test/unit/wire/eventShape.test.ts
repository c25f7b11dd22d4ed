import { describe, expect, it } from 'vitest';
import { capturedEventSchema, decodeRequest } from '../../../src/core/wire';
import { RECEIVED_AT } from './wireBodies';

const decode = (body: unknown) => decodeRequest({ url: 'http://h/e/', body: JSON.stringify(body), receivedAt: RECEIVED_AT });

describe('decodeRequest: event shape at the boundary', () => {
  it('keeps every property, nested and unknown, and strips unknown top-level fields', () => {
    const properties = { distinct_id: 'd', token: 'phc_x', nested: { deep: [1, { x: null }] }, $sdk_field: true, '': 'empty' };
    const timestamp = '2024-05-01T00:00:00.000Z';
    const { events } = decode([{ uuid: 'u', event: 'e', properties, timestamp, offset: 1, sent_at: 'x', $extra: 1, api_key: 'k' }]);

    expect(events).toEqual([{ uuid: 'u', event: 'e', properties, timestamp }]);
  });

  it('keeps $set and $set_once', () => {
    const { events } = decode({
      event: '$identify',
      properties: { distinct_id: 'user-1', $anon_distinct_id: 'anon' },
      $set: { email: 'a@b.c' },
      $set_once: { first_seen: 'x' },
    });

    expect(events[0]).toMatchObject({ $set: { email: 'a@b.c' }, $set_once: { first_seen: 'x' } });
  });

  it.each([
    { name: 'uuid that is not a string', field: { uuid: 42 }, missing: 'uuid' },
    { name: '$set that is not an object', field: { $set: ['email'] }, missing: '$set' },
    { name: '$set_once that is null', field: { $set_once: null }, missing: '$set_once' },
  ])('drops a $name but keeps the event', ({ field, missing }) => {
    const [event] = decode([{ event: 'e', properties: {}, ...field }]).events;

    expect(event?.event).toBe('e');
    expect(event).not.toHaveProperty(missing);
  });

  it.each([
    { name: 'missing', properties: undefined },
    { name: 'a string', properties: 'nope' },
    { name: 'an array', properties: [1, 2] },
  ])('gives an event whose properties are $name an empty properties object', ({ properties }) => {
    expect(decode([{ event: 'e', properties }]).events[0]?.properties).toEqual({});
  });

  it('moves a top-level distinct_id and token (capture API style) into properties', () => {
    const [event] = decode([{ event: 'e', distinct_id: 'top', token: 'phc_top', properties: {} }]).events;

    expect(event?.properties).toEqual({ distinct_id: 'top', token: 'phc_top' });
  });

  it('takes the token from the envelope api_key when the event has none, never overriding one', () => {
    const batch = [{ event: 'a', properties: {} }, { event: 'b', properties: { token: 'phc_own' } }];
    const { events } = decode({ api_key: 'phc_envelope', batch });

    expect(events.map((e) => e.properties.token)).toEqual(['phc_envelope', 'phc_own']);
  });

  it('does not let a top-level distinct_id override the one in properties', () => {
    const [event] = decode([{ event: 'e', distinct_id: 'top', properties: { distinct_id: 'inner' } }]).events;

    expect(event?.properties.distinct_id).toBe('inner');
  });

  it('skips items that are not events and keeps the rest', () => {
    const result = decode([null, 'x', { event: 'a' }, { foo: 1 }, { event: 7 }, [], { event: 'b' }]);

    expect(result.events.map((e) => e.event)).toEqual(['a', 'b']);
    expect(result.undecodable).toBeUndefined();
  });

  it('does not let a __proto__ property reach the prototype', () => {
    const body = '[{"event":"e","properties":{"__proto__":{"polluted":1},"a":1}}]';
    const [event] = decodeRequest({ url: 'http://h/e/', body }).events;

    expect(Object.getPrototypeOf(event?.properties)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(event?.properties.a).toBe(1);
  });

  it('produces events that satisfy the exported capturedEventSchema', () => {
    const { events } = decode([{ uuid: 'u', event: 'e', properties: { a: 1 }, $set: { b: 2 }, offset: 3 }]);

    expect(capturedEventSchema.array().parse(events)).toEqual(events);
  });
});
