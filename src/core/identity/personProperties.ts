import { eventRef } from './eventOrder';
import type { EventRef, IdentityEvent, PersonProperty } from './types';

type Properties = Record<string, unknown>;

/** The person property writes an event carries. */
export interface PersonPropertyWrites {
  $set: Properties | null;
  $set_once: Properties | null;
}

/** A `$set_once` that did not change a value already there. */
export interface SetOnceConflict {
  key: string;
  kept: unknown;
  attempted: unknown;
}

/**
 * `$set`/`$set_once` of an event: top-level as posthog-js sends them, or inside `properties` as
 * older SDKs and the capture API also accept (top-level wins on the same key). Null when it has none.
 */
export function personPropertyWrites(event: IdentityEvent): PersonPropertyWrites | null {
  const $set = merged(asObject(event.properties.$set), event.$set);
  const $set_once = merged(asObject(event.properties.$set_once), event.$set_once);
  return $set === null && $set_once === null ? null : { $set, $set_once };
}

/**
 * Applies an event's writes to `person` the way PostHog's ingestion does: `$set_once` first, and
 * only for keys not set yet; then `$set`, overwriting. Returns the `$set_once` values that were
 * refused because the key already held a different value, or null when none was.
 */
export function applyPersonPropertyWrites(
  person: Record<string, PersonProperty>,
  writes: PersonPropertyWrites,
  event: IdentityEvent,
): SetOnceConflict[] | null {
  let conflicts: SetOnceConflict[] | null = null;
  // Most `$set_once` writes repeat what is there: make the ref only for a write that lands.
  let ref: EventRef | null = null;
  if (writes.$set_once !== null) {
    for (const key in writes.$set_once) {
      const value = writes.$set_once[key];
      const existing = person[key];
      if (existing === undefined) person[key] = { value, via: '$set_once', ref: (ref ??= eventRef(event)) };
      else if (!sameJson(existing.value, value)) (conflicts ??= []).push({ key, kept: existing.value, attempted: value });
    }
  }
  if (writes.$set !== null) {
    for (const key in writes.$set) person[key] = { value: writes.$set[key], via: '$set', ref: (ref ??= eventRef(event)) };
  }
  return conflicts;
}

function merged(inProperties: Properties | null, topLevel: Properties | undefined): Properties | null {
  if (topLevel === undefined) return inProperties;
  return inProperties === null ? topLevel : { ...inProperties, ...topLevel };
}

function asObject(value: unknown): Properties | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Properties) : null;
}

/** Equality of JSON values (what events carry), key order ignored. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every((key) => Object.hasOwn(b, key) && sameJson((a as Properties)[key], (b as Properties)[key]));
}
