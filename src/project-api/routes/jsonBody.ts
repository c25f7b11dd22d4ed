import type { Context } from 'hono';
import { ApiError } from '../errors';

/** The request body as JSON (an empty body is `{}`), or DRF's ParseError as PostHog shapes it. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiError(400, {
      type: 'invalid_request',
      code: 'parse_error',
      detail: `JSON parse error - ${error instanceof Error ? error.message : String(error)}`,
      attr: null,
    });
  }
}
