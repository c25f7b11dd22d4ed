import { z } from 'zod';

/**
 * The project API's responses as PostHog serves them. Only the fields Actionlens reads are
 * required; everything else passes through untouched so a newer server does not break us.
 */

export const Project = z.looseObject({
  id: z.number(),
  name: z.string(),
  api_token: z.string().optional(),
});
export type Project = z.infer<typeof Project>;

export const CurrentUser = z.looseObject({
  uuid: z.string().optional(),
  email: z.string().nullable().optional(),
  team: z.looseObject({ id: z.number(), name: z.string().optional() }).nullable().optional(),
});
export type CurrentUser = z.infer<typeof CurrentUser>;

export const Matching = z.enum(['exact', 'contains', 'regex']).nullable().optional();

export const ActionStep = z.looseObject({
  event: z.string().nullable().optional(),
  selector: z.string().nullable().optional(),
  selector_regex: z.string().nullable().optional(),
  tag_name: z.string().nullable().optional(),
  text: z.string().nullable().optional(),
  text_matching: Matching,
  href: z.string().nullable().optional(),
  href_matching: Matching,
  url: z.string().nullable().optional(),
  url_matching: Matching,
  properties: z.array(z.looseObject({})).nullable().optional(),
});

export const Action = z.looseObject({
  id: z.number(),
  name: z.string().nullable(),
  description: z.string().nullable().optional(),
  steps: z.array(ActionStep).nullable().optional(),
  deleted: z.boolean().optional(),
  created_at: z.string().nullable().optional(),
});
export type Action = z.infer<typeof Action>;

export const Paginated = <T extends z.ZodType>(item: T) =>
  z.looseObject({ results: z.array(item), next: z.string().nullable().optional() });

export const Person = z.looseObject({
  uuid: z.string(),
  name: z.string().nullable().optional(),
  distinct_ids: z.array(z.string()),
  properties: z.record(z.string(), z.unknown()),
  created_at: z.string().nullable().optional(),
  is_identified: z.boolean().nullable().optional(),
});
export type Person = z.infer<typeof Person>;

export const StatsElement = z.looseObject({
  tag_name: z.string().nullable(),
  text: z.string().nullable().optional(),
  attr_class: z.array(z.string()).nullable().optional(),
  attr_id: z.string().nullable().optional(),
  href: z.string().nullable().optional(),
  nth_child: z.number().nullable().optional(),
  nth_of_type: z.number().nullable().optional(),
  attributes: z.record(z.string(), z.unknown()).nullable().optional(),
  order: z.number().nullable().optional(),
});

export const ElementStatsRow = z.looseObject({
  count: z.number(),
  type: z.string(),
  elements: z.array(StatsElement),
});
export type ElementStatsRow = z.infer<typeof ElementStatsRow>;

/** PostHog's error body: `{type, code, detail, attr}`; DRF's older ones carry `detail` alone. */
export const ApiErrorBody = z.looseObject({
  type: z.string().optional(),
  code: z.string().optional(),
  detail: z.string().optional(),
  attr: z.string().nullable().optional(),
});
