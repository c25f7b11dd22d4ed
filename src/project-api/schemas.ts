import { z } from 'zod';

/**
 * zod schemas for every request part the project API reads. Write bodies strip unknown and
 * read-only fields, as DRF serializers ignore them; a wrong type in a writable field is a 400.
 */

/** `:projectId` — a number or `@current` (the key owner's current project). */
export const projectIdParam = z.union([z.literal('@current'), z.string().regex(/^\d{1,15}$/).transform(Number)]);

export const recordIdParam = z.string().regex(/^\d{1,15}$/, 'A valid integer is required.').transform(Number);

const matching = z.enum(['exact', 'contains', 'regex']);
const optionalText = z.string().nullable().optional();

/** An action step as written; `selector_regex` is read-only (computed by the matching engine). */
export const actionStepSchema = z.object({
  event: optionalText,
  properties: z.array(z.record(z.string(), z.unknown())).nullable().optional(),
  selector: optionalText,
  tag_name: optionalText,
  text: optionalText,
  text_matching: matching.nullable().optional(),
  href: optionalText,
  href_matching: matching.nullable().optional(),
  url: optionalText,
  url_matching: matching.nullable().optional(),
});
export type ActionStepInput = z.infer<typeof actionStepSchema>;

const actionFields = {
  // DRF CharField trims whitespace by default.
  name: z.string().trim().min(1, 'This field may not be blank.').max(400, 'Ensure this field has no more than 400 characters.'),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  post_to_slack: z.boolean().optional(),
  slack_message_format: z.string().max(1200, 'Ensure this field has no more than 1200 characters.').optional(),
  steps: z.array(actionStepSchema).optional(),
  deleted: z.boolean().optional(),
  pinned_at: z.iso.datetime({ offset: true, message: 'Datetime has wrong format.' }).nullable().optional(),
};

export const actionCreateSchema = z.object(actionFields);
export const actionUpdateSchema = z.object({ ...actionFields, name: actionFields.name.optional() });
export type ActionCreateInput = z.infer<typeof actionCreateSchema>;
export type ActionUpdateInput = z.infer<typeof actionUpdateSchema>;

const limit = (fallback: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'A valid integer is required.')
    .transform(Number)
    .pipe(z.number().int().min(1, 'Ensure this value is greater than or equal to 1.').max(max, `Ensure this value is less than or equal to ${max}.`))
    .optional()
    .transform((value) => value ?? fallback);

const offset = z
  .string()
  .regex(/^\d+$/, 'A valid integer is required.')
  .transform(Number)
  .optional()
  .transform((value) => value ?? 0);

const instant = z
  .string()
  .refine((value) => Number.isFinite(Date.parse(value)), 'Not a valid date-time.')
  .transform((value) => new Date(Date.parse(value)).toISOString());

export const eventsQuerySchema = z.object({
  event: z.string().min(1).optional(),
  distinct_id: z.string().min(1).optional(),
  after: instant.optional(),
  before: instant.optional(),
  limit: limit(100, 1000),
  offset,
});

export const personsQuerySchema = z.object({
  distinct_id: z.string().min(1).optional(),
  limit: limit(100, 1000),
  offset,
});

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const eventPropertyFilterSchema = z.object({
  key: z.string().min(1),
  value: z.union([scalar, z.array(scalar)]).nullable().optional(),
  operator: z
    .enum(['exact', 'is_not', 'icontains', 'not_icontains', 'regex', 'not_regex', 'is_set', 'is_not_set'])
    .nullable()
    .optional()
    .transform((operator) => operator ?? 'exact'),
  type: z.literal('event').optional(),
});
export type EventPropertyFilterInput = z.infer<typeof eventPropertyFilterSchema>;

export const elementStatsQuerySchema = z.object({
  date_from: z.string().optional(),
  date_to: z.string().optional(),
  include: z.array(z.enum(['$autocapture', '$rageclick', '$dead_click'], {
    message: 'Only $autocapture, $rageclick, and $dead_click are supported.',
  })),
  paginate_response: z.string().optional(),
  // PostHog's default page size for element stats.
  limit: limit(250, 10_000),
  offset,
});

/** `/decide/?v=` — the response format version the SDK asks for. */
export const decideQuerySchema = z.object({
  v: z
    .string()
    .regex(/^\d+$/)
    .transform(Number)
    .optional()
    .catch(undefined),
});
