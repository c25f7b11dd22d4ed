import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeRequest } from '../../../src/core/wire';
import { RECEIVED_AT, gzipText } from './wireBodies';

const iso = (ms: number) => new Date(ms).toISOString();
const SENT_AT = '2024-05-01T12:00:05.000Z';
const sentAtMs = Date.parse(SENT_AT);

const timestampOf = (body: unknown, receivedAt: number | undefined = RECEIVED_AT) => {
  const input = { url: 'http://h/e/', body: JSON.stringify(body), ...(receivedAt !== undefined && { receivedAt }) };
  return decodeRequest(input).events.map((e) => e.timestamp);
};

describe('decodeRequest: event timestamps', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    {
      name: 'offset, no sent_at (1.130/1.300 queue): receivedAt − offset',
      body: [{ event: 'a', offset: 2_500 }],
      expected: [iso(RECEIVED_AT - 2_500)],
    },
    {
      name: 'offset with envelope sent_at: sent_at − offset',
      body: { batch: [{ event: 'a', offset: 2_500 }], sent_at: SENT_AT },
      expected: [iso(sentAtMs - 2_500)],
    },
    {
      name: 'offset with sent_at in ms',
      body: { batch: [{ event: 'a', offset: 1_000 }], sent_at: sentAtMs },
      expected: [iso(sentAtMs - 1_000)],
    },
    {
      name: 'per-event sent_at (1.449 recordings) beats the envelope',
      body: { batch: [{ event: 'a', offset: 1_000, sent_at: '2024-05-01T12:00:07.000Z' }], sent_at: SENT_AT },
      expected: ['2024-05-01T12:00:06.000Z'],
    },
    {
      name: 'invalid sent_at falls back to receivedAt',
      body: { batch: [{ event: 'a', offset: 1_000 }], sent_at: 'yesterday' },
      expected: [iso(RECEIVED_AT - 1_000)],
    },
    {
      name: 'several events keep their own offsets',
      body: [{ event: 'a', offset: 3_000 }, { event: 'b', offset: 10 }, { event: 'c', offset: 0 }],
      expected: [iso(RECEIVED_AT - 3_000), iso(RECEIVED_AT - 10), iso(RECEIVED_AT)],
    },
    {
      name: 'an own timestamp is kept verbatim, offset ignored',
      body: [{ event: 'a', timestamp: '2024-05-01T11:59:59.123+00:00', offset: 2_500 }],
      expected: ['2024-05-01T11:59:59.123+00:00'],
    },
    {
      name: 'an own timestamp beats sent_at',
      body: { batch: [{ event: 'a', timestamp: '2024-05-01T11:00:00.000Z' }], sent_at: SENT_AT },
      expected: ['2024-05-01T11:00:00.000Z'],
    },
    { name: 'a numeric timestamp (ms) becomes ISO', body: [{ event: 'a', timestamp: sentAtMs }], expected: [SENT_AT] },
    {
      name: 'an unparseable timestamp is treated as absent',
      body: [{ event: 'a', timestamp: 'not a date', offset: 5 }],
      expected: [iso(RECEIVED_AT - 5)],
    },
    {
      name: 'neither timestamp nor offset: sent_at',
      body: { batch: [{ event: 'a' }], sent_at: SENT_AT },
      expected: [SENT_AT],
    },
    {
      name: 'neither timestamp nor offset nor sent_at: receivedAt',
      body: { event: 'a' },
      expected: [iso(RECEIVED_AT)],
    },
    {
      name: 'a negative offset counts as its magnitude',
      body: [{ event: 'a', offset: -2_500 }],
      expected: [iso(RECEIVED_AT - 2_500)],
    },
    {
      name: 'an absurd offset falls back to receivedAt',
      body: [{ event: 'a', offset: 1e20 }],
      expected: [iso(RECEIVED_AT)],
    },
    { name: 'a non-numeric offset is ignored', body: [{ event: 'a', offset: '2500' }], expected: [iso(RECEIVED_AT)] },
  ])('$name', ({ body, expected }) => {
    expect(timestampOf(body)).toEqual(expected);
  });

  it('uses Date.now() when receivedAt is not given', () => {
    vi.useFakeTimers();
    vi.setSystemTime(RECEIVED_AT);

    expect(timestampOf([{ event: 'a', offset: 100 }], undefined)).toEqual([iso(RECEIVED_AT - 100)]);
  });

  it('derives the same timestamps through every encoding', () => {
    const body = gzipText(JSON.stringify([{ event: 'a', offset: 1_234 }]));

    const [event] = decodeRequest({ url: 'http://h/e/?compression=gzip-js', body, receivedAt: RECEIVED_AT }).events;

    expect(event?.timestamp).toBe(iso(RECEIVED_AT - 1_234));
  });
});
