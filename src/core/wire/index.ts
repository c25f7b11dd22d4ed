/**
 * `core/wire`: request bodies observed from a page's analytics SDK → captured events, for every
 * format posthog-js has used. Pure TypeScript (zod, fflate, lz-string): runs in the page, the
 * service worker, node and the local project API.
 */
export { decodeRequest, decodeRequestAsync } from './decodeRequest';
export type { DecodeInput, DecodeResult, WireEncoding } from './decodeRequest';
export type { CapturedEvent } from './eventSchema';
export { capturedEventSchema } from './eventSchema';
export { hasGzipMagic } from './gzip';
export { MAX_BODY_BYTES, decodeBody } from './bodyEncodings';
export type { DecodedBody } from './bodyEncodings';
export { MAX_JSON_DEPTH } from './jsonText';
