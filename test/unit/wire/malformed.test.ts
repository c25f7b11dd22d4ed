import { describe, expect, it } from 'vitest';
import { decodeRequest } from '../../../src/core/wire';
import { MALFORMED_CASES, url } from './malformedBodies';
import { gzipText } from './wireBodies';

describe('decodeRequest: malformed input never throws and says what is wrong', () => {
  it.each(MALFORMED_CASES)('$name', ({ input, reason, encoding }) => {
    let result: ReturnType<typeof decodeRequest> | undefined;
    expect(() => {
      result = decodeRequest(input);
    }).not.toThrow();

    expect(result?.events).toEqual([]);
    if (typeof reason === 'string') expect(result?.undecodable?.reason).toBe(reason);
    else expect(result?.undecodable?.reason).toMatch(reason);
    expect(result?.encoding).toBe(encoding);
  });

  it('survives every truncation of a real-looking gzip body', () => {
    const batch = Array.from({ length: 30 }, (_, i) => ({ event: `e${i}`, properties: { i } }));
    const body = gzipText(JSON.stringify({ api_key: 'phc_x', batch }));
    for (let length = 0; length < body.length; length++) {
      const result = decodeRequest({ url, body: body.subarray(0, length) });
      expect(result.events, `length ${length}`).toEqual([]);
      expect(result.undecodable?.reason, `length ${length}`).toBeTruthy();
    }
  });

  it('survives random bytes', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 256;
    for (let n = 0; n < 500; n++) {
      const body = Uint8Array.from({ length: 2 + (n % 64) }, random);
      if (n % 3 === 0) body.set([0x1f, 0x8b]);
      expect(() => decodeRequest({ url: n % 2 ? `${url}?compression=base64` : url, body })).not.toThrow();
    }
  });

  it('survives a hostile receivedAt and URL', () => {
    const result = decodeRequest({ url: '%%%?compression=%%', body: '[{"event":"x","offset":5}]', receivedAt: Number.NaN });

    expect(result.events).toHaveLength(1);
  });
});
