/**
 * Bodies the decoder cannot read, with the reason it must give: shared by the tests of
 * `decodeRequest` and of `decodeRequestAsync`, which must give the same result for each.
 */
import { gzipSync } from 'fflate';
import { type DecodeInput, MAX_BODY_BYTES, MAX_JSON_DEPTH } from '../../../src/core/wire';
import { base64Utf8, gzipText } from './wireBodies';

const events = JSON.stringify([{ event: 'custom', properties: { distinct_id: 'd' } }]);
const gzipped = gzipText(events);
const corrupted = gzipped.slice();
corrupted[12] = (corrupted[12] ?? 0) ^ 0xff;
const wrongMethod = gzipped.slice();
wrongMethod[2] = 7; // CM must be 8 (deflate)

export interface MalformedCase {
  name: string;
  input: DecodeInput;
  reason: string | RegExp;
  encoding?: string;
}

export const url = 'http://h/e/';

export const MALFORMED_CASES: MalformedCase[] = [
  // gzip
  {
    name: 'gzip truncated inside the deflate data',
    input: { url, body: gzipped.subarray(0, gzipped.length - 20) },
    reason: 'gzip stream truncated',
    encoding: 'gzip',
  },
  {
    name: 'gzip truncated inside the trailer',
    input: { url, body: gzipped.subarray(0, gzipped.length - 3) },
    reason: 'gzip stream truncated',
    encoding: 'gzip',
  },
  {
    name: 'gzip cut right after the header',
    input: { url, body: gzipped.subarray(0, 12) },
    reason: 'gzip stream truncated (12 bytes)',
    encoding: 'gzip',
  },
  {
    name: 'gzip magic bytes only',
    input: { url, body: new Uint8Array([0x1f, 0x8b]) },
    reason: 'gzip stream truncated (2 bytes)',
    encoding: 'gzip',
  },
  {
    name: 'gzip with a flipped byte',
    input: { url, body: corrupted },
    reason: /^gzip data is corrupt/,
    encoding: 'gzip',
  },
  {
    name: 'gzip header with a non-deflate method',
    input: { url, body: wrongMethod },
    reason: 'gzip header is invalid',
    encoding: 'gzip',
  },
  {
    name: 'gzip of non-JSON',
    input: { url, body: gzipText('hello, world') },
    reason: 'gzip body is not JSON: JSON parse error at position 0 (unexpected "h")',
    encoding: 'gzip',
  },
  {
    name: 'gzip of truncated JSON',
    input: { url, body: gzipText('[{"event":"x"') },
    reason: 'gzip body is not JSON: JSON parse error at position 13 (unexpected end of input)',
    encoding: 'gzip',
  },
  {
    name: 'gzip that inflates beyond the limit',
    input: { url, body: gzipSync(new Uint8Array(MAX_BODY_BYTES + 1)) },
    reason: `gzip body inflates to more than ${MAX_BODY_BYTES} bytes`,
    encoding: 'gzip',
  },
  {
    name: 'gzip as a string with characters above U+00FF',
    input: { url, body: `\x1f\x8b\x08\x00${'€'.repeat(20)}` },
    reason: /^body starts with the gzip magic bytes but contains U\+20AC at position 4/,
    encoding: 'gzip',
  },
  {
    name: 'gzip decoded as UTF-8 text before it reached the decoder',
    input: { url, body: new TextDecoder().decode(gzipped) },
    reason: /^body is gzip that was decoded as UTF-8 text/,
    encoding: 'gzip',
  },
  {
    name: 'gzip-js marker on a body that is neither gzip nor JSON',
    input: { url: `${url}?compression=gzip-js`, body: 'hello' },
    reason: 'URL says compression=gzip-js but the body does not start with the gzip magic bytes 1f 8b',
  },
  // base64 and forms
  {
    name: 'base64 form field with a character outside the alphabet',
    input: { url: `${url}?compression=base64`, body: 'data=eyJ@ZXZlbnQ' },
    reason: 'base64 form field `data` is not valid base64 (unexpected "@" at position 3)',
    encoding: 'base64',
  },
  {
    name: 'base64 form field of impossible length',
    input: { url: `${url}?compression=base64`, body: 'data=eyJhI' },
    reason: 'base64 form field `data` is not valid base64 (5 characters cannot be base64)',
    encoding: 'base64',
  },
  {
    name: 'base64 form field that is empty',
    input: { url: `${url}?compression=base64`, body: 'data=' },
    reason: 'base64 form field `data` is not valid base64 (it is empty)',
    encoding: 'base64',
  },
  {
    name: 'base64 form field of non-JSON',
    input: { url: `${url}?compression=base64`, body: `data=${base64Utf8('hello')}` },
    reason: 'base64 form field `data` is not JSON: JSON parse error at position 0 (unexpected "h")',
    encoding: 'base64',
  },
  {
    name: 'unmarked form field that is neither JSON nor base64',
    input: { url, body: 'data=%%%' },
    reason: 'form field `data` is not valid URL encoding',
  },
  {
    name: 'unmarked form field with a character outside base64',
    input: { url, body: 'data=not*base64' },
    reason: 'form field `data` is neither JSON nor base64 (unexpected "*" at position 3)',
  },
  {
    name: 'form body without `data`',
    input: { url, contentType: 'application/x-www-form-urlencoded', body: 'ver=1.130.2&ip=1' },
    reason: 'form body has no `data` field (fields: ver, ip)',
  },
  {
    name: 'form content type, body not a form',
    input: { url, contentType: 'application/x-www-form-urlencoded', body: 'hello' },
    reason: 'form body has no `data` field (fields: hello)',
  },
  {
    name: 'form field with JSON that does not parse',
    input: { url, body: `data=${encodeURIComponent('{"event":}')}` },
    reason: 'JSON form field `data` is not JSON: JSON parse error at position 9 (unexpected "}")',
    encoding: 'json',
  },
  {
    name: 'lz64 that does not decompress',
    input: { url: `${url}?compression=lz64`, body: 'data=!!!!' },
    reason: 'lz64 form field `data` does not decompress',
    encoding: 'lz64',
  },
  // JSON
  {
    name: 'JSON with a trailing comma',
    input: { url, body: '{"event": "x",}' },
    reason: 'JSON parse error at position 14 (unexpected "}")',
    encoding: 'json',
  },
  {
    name: 'JSON cut short',
    input: { url, body: '[{"event":"x"' },
    reason: 'JSON parse error at position 13 (unexpected end of input)',
    encoding: 'json',
  },
  {
    name: 'JSON with trailing garbage',
    input: { url, body: '[{"event":"x"}] x' },
    reason: 'JSON parse error at position 16 (unexpected "x")',
    encoding: 'json',
  },
  {
    name: 'JSON with a raw control character in a string',
    input: { url, body: '[{"event":"a\tb"}]' },
    reason: 'JSON parse error at position 12 (unexpected "\\t")',
    encoding: 'json',
  },
  {
    name: 'JSON with a bad escape',
    input: { url, body: '[{"event":"\\x"}]' },
    reason: 'JSON parse error at position 12 (unexpected "x")',
    encoding: 'json',
  },
  {
    name: 'text that is not JSON at all',
    input: { url, body: 'hello' },
    reason: 'JSON parse error at position 0 (unexpected "h")',
  },
  {
    name: 'JSON nested too deep',
    input: { url, body: `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}` },
    reason: `JSON nested deeper than ${MAX_JSON_DEPTH} levels (at position ${MAX_JSON_DEPTH})`,
    encoding: 'json',
  },
  {
    name: 'a million unclosed brackets',
    input: { url, body: '['.repeat(1_000_000) },
    reason: /^JSON nested deeper than/,
    encoding: 'json',
  },
  {
    name: 'deep nesting inside an event property',
    input: { url, body: `[{"event":"x","properties":{"p":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}}]` },
    reason: /^JSON nested deeper than/,
    encoding: 'json',
  },
  {
    name: 'body over the size limit',
    input: { url, body: ' '.repeat(MAX_BODY_BYTES + 1) },
    reason: `body is larger than ${MAX_BODY_BYTES} bytes`,
  },
  // empty
  { name: 'empty string body', input: { url, body: '' }, reason: 'body is empty' },
  { name: 'empty byte body', input: { url, method: 'POST', body: new Uint8Array() }, reason: 'body is empty' },
  {
    name: 'whitespace body',
    input: { url, body: ' \n ' },
    reason: 'JSON parse error at position 0 (unexpected end of input)',
  },
  // parsed, but no events
  {
    name: 'array of non-events',
    input: { url, body: '[1, "x", null, {"foo": 1}, {"event": 5}]' },
    reason: 'body is JSON but no event in it (5 items without a string `event`)',
    encoding: 'json',
  },
  {
    name: 'empty array',
    input: { url, body: '[]' },
    reason: 'body is JSON but no event in it (empty array)',
    encoding: 'json',
  },
  {
    name: 'empty batch',
    input: { url, body: '{"api_key":"phc_x","batch":[]}' },
    reason: 'body is JSON but no event in it (empty `batch`)',
    encoding: 'json',
  },
  {
    name: 'single object with a non-string event',
    input: { url, body: '{"event": {"name": "x"}}' },
    reason: 'body is JSON but no event in it (1 item without a string `event`)',
    encoding: 'json',
  },
  {
    name: 'single object with an empty event name',
    input: { url, body: '{"event": ""}' },
    reason: 'body is JSON but no event in it (1 item without a string `event`)',
    encoding: 'json',
  },
  {
    name: '`batch` that is not an array',
    input: { url, body: '{"batch": {"event": "x"}}' },
    reason: 'not an event payload (`batch` is not an array)',
    encoding: 'json',
  },
  { name: 'JSON null', input: { url, body: 'null' }, reason: 'not an event payload (JSON null)', encoding: 'json' },
  {
    name: 'JSON string',
    input: { url, body: '"[{\\"event\\":\\"x\\"}]"' },
    reason: 'not an event payload (JSON string)',
    encoding: 'json',
  },
  { name: 'JSON number', input: { url, body: '42' }, reason: 'not an event payload (JSON number)', encoding: 'json' },
  // other SDK requests
  {
    name: '/flags/ request',
    input: {
      url: 'http://h/flags/?v=2',
      contentType: 'application/json',
      body: '{"token":"phc_x","distinct_id":"d","groups":{},"person_properties":{}}',
    },
    reason: 'not an event payload (JSON object with keys token, distinct_id, groups, person_properties)',
    encoding: 'json',
  },
  {
    name: '/decide/ request as a base64 form (1.130)',
    input: {
      url: 'http://h/decide/?v=3&compression=base64',
      body: `data=${base64Utf8('{"token":"phc_x","distinct_id":"d","groups":{}}')}`,
    },
    reason: 'not an event payload (JSON object with keys token, distinct_id, groups)',
    encoding: 'base64',
  },
  {
    name: 'object with many keys',
    input: { url, body: JSON.stringify(Object.fromEntries('abcdefghij'.split('').map((k) => [k, 1]))) },
    reason: 'not an event payload (JSON object with keys a, b, c, d, e, f, … 4 more)',
    encoding: 'json',
  },
  {
    name: 'empty object',
    input: { url, body: '{}' },
    reason: 'not an event payload (JSON object with keys none)',
    encoding: 'json',
  },
];
