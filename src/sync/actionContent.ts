import { z } from 'zod';
import { type ActionStepWrite, actionStepWriteSchema, writableStep } from '../core/actions/schema';

/**
 * The part of an action that Actionlens edits and keeps in sync: its name, description and steps.
 * Everything else the server holds (tags, Slack settings, pins) is never sent, so never overwritten.
 *
 * Two copies are "the same" when they would match the same events and read the same: strings are
 * compared as the server stores them (trimmed name, no description = ""), a step's absent and null
 * fields are one, and key order does not count.
 */
export const CONTENT_FIELDS = ['name', 'description', 'steps'] as const;
export type ContentField = (typeof CONTENT_FIELDS)[number];

export const actionContentSchema = z.object({
  name: z.string(),
  description: z.string(),
  steps: z.array(actionStepWriteSchema),
});
export type ActionContent = z.infer<typeof actionContentSchema>;

interface ContentLike {
  name?: string | null;
  description?: string | null;
  steps?: readonly Readonly<Record<string, unknown>>[] | null;
}

/** A step with only its writable, non-empty fields, keys sorted. */
export function normalizeStep(step: Readonly<Record<string, unknown>>): ActionStepWrite {
  const writable = writableStep(step);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(writable).sort()) {
    const value = writable[key];
    if (value === null || value === undefined) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[key] = value;
  }
  return out as ActionStepWrite;
}

/** The name as the server compares it (unique per project): trimmed. */
export function nameOf(action: { name?: string | null }): string {
  return (action.name ?? '').trim();
}

export function contentOf(action: ContentLike): ActionContent {
  return {
    name: nameOf(action),
    description: action.description ?? '',
    steps: (action.steps ?? []).map(normalizeStep),
  };
}

/** JSON with object keys sorted at every level: equal values, equal strings. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

export function sameField(field: ContentField, a: ActionContent, b: ActionContent): boolean {
  return field === 'steps' ? canonical(a.steps) === canonical(b.steps) : a[field] === b[field];
}

export function sameContent(a: ActionContent, b: ActionContent): boolean {
  return CONTENT_FIELDS.every((field) => sameField(field, a, b));
}

/** The fields `desired` changes relative to `base`. */
export function changedFields(base: ActionContent, desired: ActionContent): ContentField[] {
  return CONTENT_FIELDS.filter((field) => !sameField(field, base, desired));
}

/** The PATCH body: only the changed fields. */
export function patchOf(desired: ActionContent, fields: readonly ContentField[]): Partial<ActionContent> {
  return Object.fromEntries(fields.map((field) => [field, desired[field]]));
}

/**
 * "Merge steps": every step of theirs, then each of mine they do not already have (a step is the
 * same step when every condition is the same). Steps are OR-ed, so the merge matches what either
 * version matched.
 */
export function mergeSteps(theirs: readonly ActionStepWrite[], mine: readonly ActionStepWrite[]): ActionStepWrite[] {
  const seen = new Set<string>();
  const out: ActionStepWrite[] = [];
  for (const step of [...theirs, ...mine]) {
    const normalized = normalizeStep(step);
    const key = canonical(normalized);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(normalized);
  }
  return out;
}

/**
 * Three-way: the fields where the server moved away from `base` to something other than what
 * `desired` wants. Empty means the edit can be sent without overwriting anyone.
 */
export function conflictingFields(base: ActionContent, desired: ActionContent, server: ActionContent, fields: readonly ContentField[]): ContentField[] {
  return fields.filter((field) => !sameField(field, server, base) && !sameField(field, server, desired));
}
