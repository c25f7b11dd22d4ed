import { z } from 'zod';

/** One event as the decoder hands it on. Contract shared with the rest of the extension. */
export interface CapturedEvent {
  uuid?: string;
  event: string;
  properties: Record<string, unknown>; // distinct_id and token live here
  timestamp: string; // ISO 8601; derived from `offset` when the SDK sent offset
  $set?: Record<string, unknown>;
  $set_once?: Record<string, unknown>;
}

// A plain object, checked without visiting every property: a batch of 1,000 events has ~60,000
// of them, and their values are the SDK's own, passed on untouched.
const jsonObject = z.custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value));
const instant = z.union([z.string(), z.number()]);

/**
 * An event as it arrives on the wire. Lenient: a field of the wrong type is dropped rather than
 * the event; unknown top-level fields are stripped; properties are kept whole. Only an event
 * without a non-empty string `event` is rejected.
 */
export const wireEventSchema = z.object({
  uuid: z.string().optional().catch(undefined),
  event: z.string().min(1),
  properties: jsonObject.optional().catch(undefined),
  timestamp: instant.optional().catch(undefined),
  /** ms before sending; set by the request queue (posthog-js ≤ 1.300) instead of `timestamp`. */
  offset: z.number().finite().optional().catch(undefined),
  /** Per-event send time; posthog-js 1.449 adds it to each session-recording event. */
  sent_at: instant.optional().catch(undefined),
  $set: jsonObject.optional().catch(undefined),
  $set_once: jsonObject.optional().catch(undefined),
  // The capture API also accepts these at the top level (server SDKs, hand-written senders);
  // posthog-js puts them in `properties`, which is where CapturedEvent keeps them.
  distinct_id: z.union([z.string(), z.number()]).optional().catch(undefined),
  token: z.string().optional().catch(undefined),
});

export type WireEvent = z.infer<typeof wireEventSchema>;

/** The decoder's output, for contexts that receive decoded events across a boundary. */
export const capturedEventSchema = z.object({
  uuid: z.string().optional(),
  event: z.string(),
  properties: jsonObject,
  timestamp: z.string(),
  $set: jsonObject.optional(),
  $set_once: jsonObject.optional(),
}) satisfies z.ZodType<CapturedEvent>;

export interface EventContext {
  /** `sent_at` of the envelope, when it had one. */
  sentAt?: unknown;
  /** ms epoch when the request was observed. */
  receivedAt: number;
  /** The envelope's `api_key`, the project token, for events that do not carry one. */
  apiKey?: string;
}

/**
 * `wire` must come from JSON the decoder parsed itself: its `properties` object becomes the
 * event's, completed in place rather than copied (copying every event's ~60 properties cost
 * almost as much as parsing them).
 */
export function toCapturedEvent(wire: WireEvent, context: EventContext): CapturedEvent {
  const properties = wire.properties ?? {};
  if (properties.distinct_id === undefined && wire.distinct_id !== undefined) properties.distinct_id = wire.distinct_id;
  const token = wire.token ?? context.apiKey;
  if (properties.token === undefined && token !== undefined) properties.token = token;

  const event: CapturedEvent = { event: wire.event, properties, timestamp: eventTimestamp(wire, context) };
  if (wire.uuid !== undefined) event.uuid = wire.uuid;
  if (wire.$set !== undefined) event.$set = wire.$set;
  if (wire.$set_once !== undefined) event.$set_once = wire.$set_once;
  return event;
}

/**
 * The event's own `timestamp` when it has a valid one; otherwise send time minus `offset`, where
 * send time is `sent_at` (event, then envelope) or, failing that, when the request was observed.
 */
function eventTimestamp(wire: WireEvent, context: EventContext): string {
  const own = toEpochMs(wire.timestamp);
  if (own !== undefined) {
    return typeof wire.timestamp === 'string' ? wire.timestamp : new Date(own).toISOString();
  }
  const sentAt = toEpochMs(wire.sent_at) ?? toEpochMs(context.sentAt) ?? context.receivedAt;
  // posthog-js writes Math.abs(timestamp - now); abs again so a hand-made negative offset cannot
  // move the event into the future.
  const at = toEpochMs(sentAt - Math.abs(wire.offset ?? 0)) ?? context.receivedAt;
  return new Date(at).toISOString();
}

/** The largest magnitude a Date can hold; beyond it `toISOString` throws. */
const MAX_DATE_MS = 8.64e15;

function toEpochMs(value: unknown): number | undefined {
  const ms = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? ms : undefined;
}
