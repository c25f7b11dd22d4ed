/**
 * Hand-built request bodies for the wire tests, encoded the way the SDKs encode them — with the
 * SDKs' own encoders where they can be imported (posthog-js 1.130 `_base64Encode`, fflate's
 * `gzipSync`, lz-string's `compressToBase64`).
 */
import { gzipSync, strToU8 } from 'fflate';
import lzString from 'lz-string';
import { _base64Encode } from 'posthog-js-1-130/lib/src/utils';
import type { DecodeInput, WireEncoding } from '../../../src/core/wire';

export const RECEIVED_AT = Date.parse('2024-05-01T12:00:10.000Z');

export interface WireFormat {
  name: string;
  encoding: WireEncoding;
  build(payload: unknown): DecodeInput;
}

const json = (payload: unknown) => JSON.stringify(payload);
const form = (value: string) => `data=${encodeURIComponent(value)}`;

export const WIRE_FORMATS: WireFormat[] = [
  {
    name: 'plain JSON (fetch, application/json)',
    encoding: 'json',
    build: (payload) => ({ url: 'http://h/e/?ver=1.449.2', contentType: 'application/json', body: json(payload) }),
  },
  {
    name: 'gzip with ?compression=gzip-js (1.300)',
    encoding: 'gzip',
    build: (payload) => ({
      url: 'http://h/e/?ip=0&_=1&ver=1.300.0&compression=gzip-js',
      contentType: 'text/plain',
      body: gzipSync(strToU8(json(payload)), { mtime: 0 }),
    }),
  },
  {
    name: 'gzip, no URL marker (1.449)',
    encoding: 'gzip',
    build: (payload) => ({ url: 'http://proxy.example/ingest/x', contentType: 'text/plain', body: gzipSync(strToU8(json(payload))) }),
  },
  {
    name: 'base64 form with ?compression=base64 (1.130 XHR)',
    encoding: 'base64',
    build: (payload) => ({
      url: 'http://h/e/?ip=1&_=1&ver=1.130.2&compression=base64',
      contentType: 'application/x-www-form-urlencoded',
      body: form(_base64Encode(json(payload))),
    }),
  },
  {
    name: 'base64 form, no marker',
    encoding: 'base64',
    build: (payload) => ({ url: 'http://h/e/', contentType: 'application/x-www-form-urlencoded', body: form(_base64Encode(json(payload))) }),
  },
  {
    name: 'lz64 form with ?compression=lz64 (legacy)',
    encoding: 'lz64',
    build: (payload) => ({
      url: 'http://h/e/?compression=lz64',
      contentType: 'application/x-www-form-urlencoded',
      body: form(lzString.compressToBase64(json(payload))),
    }),
  },
  {
    name: 'lz64 form, compression named in the form (legacy)',
    encoding: 'lz64',
    build: (payload) => ({ url: 'http://h/e/', body: `${form(lzString.compressToBase64(json(payload)))}&compression=lz64` }),
  },
  {
    name: 'plain JSON in a form field (very old SDKs)',
    encoding: 'json',
    build: (payload) => ({ url: 'http://h/e/', contentType: 'application/x-www-form-urlencoded', body: form(json(payload)) }),
  },
  {
    name: 'base64 in the query of a GET (very old SDKs)',
    encoding: 'base64',
    build: (payload) => ({ url: `http://h/e/?${form(_base64Encode(json(payload)))}&ip=1`, method: 'GET', body: '' }),
  },
];

/** The same request with its body as the other representation (text ↔ bytes). */
export function withBodyAsString(input: DecodeInput): DecodeInput {
  if (typeof input.body === 'string') return input;
  // Bytes become a "binary string" (one char per byte), the form a gzip body takes as a string.
  let body = '';
  for (const byte of input.body) body += String.fromCharCode(byte);
  return { ...input, body };
}

export function withBodyAsBytes(input: DecodeInput): DecodeInput {
  return typeof input.body === 'string' ? { ...input, body: new TextEncoder().encode(input.body) } : input;
}

export function gzipText(text: string): Uint8Array {
  return gzipSync(strToU8(text), { mtime: 0 });
}

/** Standard base64 of the UTF-8 bytes of `text` (what a correct encoder would send). */
export function base64Utf8(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
