/**
 * Base64 → bytes, without `atob` (whose output is a latin1 string, one more conversion away from
 * UTF-8) and with a specific reason when the input is not base64.
 */

export type Base64Decoded = { ok: true; bytes: Uint8Array } | { ok: false; problem: string };

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;
// URL-safe alphabet too: some proxies and hand-written senders use it.
VALUES['-'.charCodeAt(0)] = 62;
VALUES['_'.charCodeAt(0)] = 63;
// A `+` that reached a form body unescaped has already become a space when the form was decoded;
// base64 never contains spaces, so read it back as `+`.
VALUES[' '.charCodeAt(0)] = 62;

const LINE_BREAKS = /[\r\n\t]/g;

export function decodeBase64(input: string): Base64Decoded {
  let text = input.replace(LINE_BREAKS, '');
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d /* = */ && text.length - end < 2) end--;
  text = text.slice(0, end);

  if (text.length === 0) return { ok: false, problem: 'it is empty' };
  if (text.length % 4 === 1) {
    return { ok: false, problem: `${text.length} characters cannot be base64` };
  }

  const bytes = new Uint8Array(Math.floor((text.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let out = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? (VALUES[code] ?? -1) : -1;
    if (value < 0) {
      return { ok: false, problem: `unexpected ${JSON.stringify(text[i])} at position ${i}` };
    }
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out++] = (buffer >> bits) & 0xff;
    }
  }
  return { ok: true, bytes };
}
