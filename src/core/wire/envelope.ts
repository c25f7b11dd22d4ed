import { z } from 'zod';
import type { DecodeResult } from './decodeRequest';
import { UndecodableBody } from './undecodable';

export type Envelope = NonNullable<DecodeResult['envelope']>;

export interface EventEnvelope {
  kind: Envelope;
  /** Candidate events, not yet validated. */
  items: unknown[];
  sentAt?: unknown;
  apiKey?: string;
}

/** posthog-js ≥ 1.2xx: `{ api_key, batch: [...], sent_at }` (1.449 also for single events). */
const batchEnvelopeSchema = z.object({
  batch: z.array(z.unknown()),
  sent_at: z.union([z.string(), z.number()]).optional().catch(undefined),
  api_key: z.string().optional().catch(undefined),
});

/**
 * Parsed body → the events it claims to carry. A bare array is what the request queue sends in
 * older SDKs (1.130, 1.300); a single object is an unbatched event (`$pageview` on load,
 * `identify`). Anything else — the `/flags/` or `/decide/` request `{token, distinct_id, groups}`,
 * logs, surveys — is not an event payload.
 */
export function readEnvelope(value: unknown): EventEnvelope {
  if (Array.isArray(value)) return { kind: 'array', items: value };
  if (!isObject(value)) {
    throw new UndecodableBody(`not an event payload (JSON ${value === null ? 'null' : typeof value})`);
  }
  if ('batch' in value) {
    const envelope = batchEnvelopeSchema.safeParse(value);
    if (!envelope.success) throw new UndecodableBody('not an event payload (`batch` is not an array)');
    const { batch, sent_at, api_key } = envelope.data;
    return { kind: 'batch', items: batch, sentAt: sent_at, ...(api_key !== undefined && { apiKey: api_key }) };
  }
  if ('event' in value) return { kind: 'single', items: [value] };
  throw new UndecodableBody(`not an event payload (JSON object with keys ${describeKeys(value)})`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const KEYS_SHOWN = 6;

function describeKeys(value: Record<string, unknown>): string {
  const keys = Object.keys(value);
  if (keys.length === 0) return 'none';
  const shown = keys.slice(0, KEYS_SHOWN).join(', ');
  return keys.length > KEYS_SHOWN ? `${shown}, … ${keys.length - KEYS_SHOWN} more` : shown;
}
