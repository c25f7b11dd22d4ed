import type { z } from 'zod';
import { validationError } from './errors';

/** PostHog names a nested field by joining its path with `__` (e.g. `steps__0__text_matching`). */
function attrOf(path: readonly PropertyKey[], prefix?: string): string | null {
  const parts = [...(prefix ? [prefix] : []), ...path.map(String)];
  return parts.length ? parts.join('__') : null;
}

function issueMessage(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'invalid_type') {
    if (input === undefined) return 'This field is required.';
    if (input === null) return 'This field may not be null.';
  }
  if (issue.code === 'invalid_value') return `"${String(input)}" is not a valid choice.`;
  return issue.message;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Parses a request part with zod or throws PostHog's 400 `validation_error` naming the first bad
 * field; `attrPrefix` names where `input` came from when it is nested in a parameter.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, attrPrefix?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw validationError('Invalid input.', null);
  throw validationError(issueMessage(issue, valueAt(input, issue.path)), attrOf(issue.path, attrPrefix));
}
