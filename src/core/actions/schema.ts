import { z } from 'zod';

/**
 * Actions and steps exactly as PostHog's project API takes and returns them (`ActionSerializer`,
 * `ActionStepJSONSerializer`; see `posthogReference.ts`). Writable fields and read-only fields are
 * kept apart: a write body is `actionWriteSchema`, a response is `actionSchema`. The DRF rules
 * carried over: strings may be null but not blank, `name`, `selector` and `url` are trimmed (the
 * other step strings are not: a text may start with a space), `name` ≤ 400, Slack format ≤ 1200.
 */

const BLANK = 'This field may not be blank.';

export const actionMatchingSchema = z.enum(['exact', 'contains', 'regex']);
export type ActionMatching = z.infer<typeof actionMatchingSchema>;

/** Operators of the property filters a step can carry (PostHog's `PropertyOperator`, the ones matching implements first). */
export const propertyOperatorSchema = z.enum([
  'exact',
  'is_not',
  'icontains',
  'not_icontains',
  'regex',
  'not_regex',
  'gt',
  'gte',
  'lt',
  'lte',
  'is_set',
  'is_not_set',
]);
export type PropertyOperator = z.infer<typeof propertyOperatorSchema>;

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/**
 * One property filter of a step. The server stores `properties` as a list of free-form dicts
 * (`ListField(child=DictField())`); this is the shape PostHog's UI writes and matching reads.
 */
export const propertyFilterSchema = z.looseObject({
  key: z.string(),
  value: z.union([scalar, z.array(scalar)]).nullable().optional(),
  operator: z.string().nullable().optional(),
  /** `event` when absent; `person`, `element`, `cohort`, `hogql`… exist too. */
  type: z.string().optional(),
});
export type PropertyFilter = z.infer<typeof propertyFilterSchema>;

const text = z.string().min(1, BLANK).nullable().optional();
const trimmedText = z.string().trim().min(1, BLANK).nullable().optional();

/** The writable fields of a step. */
export const actionStepWriteSchema = z.object({
  event: text,
  properties: z.array(z.record(z.string(), z.unknown())).nullable().optional(),
  selector: trimmedText,
  tag_name: text,
  text,
  text_matching: actionMatchingSchema.nullable().optional(),
  href: text,
  href_matching: actionMatchingSchema.nullable().optional(),
  url: trimmedText,
  url_matching: actionMatchingSchema.nullable().optional(),
});
export type ActionStepWrite = z.infer<typeof actionStepWriteSchema>;

/** A step as the API returns it: the writable fields plus the read-only `selector_regex`. */
export const actionStepSchema = actionStepWriteSchema.extend({
  selector_regex: z.string().nullable().optional(),
});
export type ActionStep = z.infer<typeof actionStepSchema>;

/** Read-only step fields: sent back by the server, ignored when written. */
export const ACTION_STEP_READ_ONLY_FIELDS = ['selector_regex'] as const;

/** The writable fields of an action (a POST body; a PATCH body is `.partial()` of it). */
export const actionWriteSchema = z.object({
  name: z.string().trim().min(1, BLANK).max(400, 'Ensure this field has no more than 400 characters.'),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  post_to_slack: z.boolean().optional(),
  slack_message_format: z.string().max(1200, 'Ensure this field has no more than 1200 characters.').optional(),
  steps: z.array(actionStepWriteSchema).optional(),
  deleted: z.boolean().optional(),
  pinned_at: z.iso.datetime({ offset: true }).nullable().optional(),
  /** Write-only: the folder to file a new action in (PostHog's file system). */
  _create_in_folder: z.string().optional(),
});
export type ActionWrite = z.infer<typeof actionWriteSchema>;

export const actionPatchSchema = actionWriteSchema.partial();
export type ActionPatch = z.infer<typeof actionPatchSchema>;

const userBasic = z.looseObject({ id: z.number().optional(), uuid: z.string().optional(), email: z.string().optional() });

/** Read-only action fields: sent back by the server, ignored when written. */
export const ACTION_READ_ONLY_FIELDS = [
  'id',
  'created_at',
  'created_by',
  'is_calculating',
  'last_calculated_at',
  'team_id',
  'is_action',
  'bytecode_error',
  'creation_context',
  'user_access_level',
] as const;

/**
 * An action as the API returns it. Loose: fields a newer server adds pass through. Fields older
 * self-hosted servers do not send are optional.
 */
export const actionSchema = z.looseObject({
  id: z.number(),
  name: z.string().nullable(),
  description: z.string().nullable().optional(),
  tags: z.array(z.string()).optional(),
  post_to_slack: z.boolean().optional(),
  slack_message_format: z.string().nullable().optional(),
  steps: z.array(actionStepSchema.loose()).nullable().optional(),
  created_at: z.string().nullable().optional(),
  created_by: userBasic.nullable().optional(),
  deleted: z.boolean().optional(),
  is_calculating: z.boolean().optional(),
  last_calculated_at: z.string().nullable().optional(),
  team_id: z.number().optional(),
  is_action: z.boolean().optional(),
  bytecode_error: z.string().nullable().optional(),
  pinned_at: z.string().nullable().optional(),
  creation_context: z.string().nullable().optional(),
  user_access_level: z.string().nullable().optional(),
});
export type Action = z.infer<typeof actionSchema>;

const STEP_WRITABLE_KEYS = Object.keys(actionStepWriteSchema.shape) as Array<keyof ActionStepWrite>;

/** The writable part of a step read from the server (drops `selector_regex` and unknown fields). */
export function writableStep(step: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of STEP_WRITABLE_KEYS) if (key in step) out[key] = step[key];
  return out;
}
