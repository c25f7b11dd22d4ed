import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * PostHog's error body (exceptions_hog): every API error is `{type, code, detail, attr}`, so clients
 * written against PostHog Cloud can read ours the same way.
 */
export interface PostHogErrorBody {
  type: 'authentication_error' | 'invalid_request' | 'validation_error' | 'server_error' | 'throttled_error';
  code: string;
  detail: string;
  attr: string | null;
}

/** Thrown anywhere in a handler; the app's error handler turns it into its JSON answer. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly body: PostHogErrorBody,
  ) {
    super(body.detail);
    this.name = 'ApiError';
  }
}

export const notFound = (): ApiError =>
  new ApiError(404, { type: 'invalid_request', code: 'not_found', detail: 'Not found.', attr: null });

/** DRF's MethodNotAllowed wording, e.g. for DELETE on actions (PostHog only soft-deletes them). */
export const methodNotAllowed = (method: string): ApiError =>
  new ApiError(405, {
    type: 'invalid_request',
    code: 'method_not_allowed',
    detail: `Method "${method.toUpperCase()}" not allowed.`,
    attr: null,
  });

export const validationError = (detail: string, attr: string | null, code = 'invalid_input'): ApiError =>
  new ApiError(400, { type: 'validation_error', code, detail, attr });

export const invalidProjectToken = (): ApiError =>
  new ApiError(401, {
    type: 'authentication_error',
    code: 'invalid_api_key',
    detail: 'Project API key invalid. You can find your project API key in your PostHog project settings.',
    attr: null,
  });

export const missingProjectToken = (): ApiError =>
  new ApiError(401, {
    type: 'authentication_error',
    code: 'missing_api_key',
    detail: 'API key not provided. You can find your project API key in your PostHog project settings.',
    attr: null,
  });

export const payloadTooLarge = (maxBytes: number): ApiError =>
  new ApiError(413, {
    type: 'invalid_request',
    code: 'payload_too_large',
    detail: `Request body is larger than ${maxBytes} bytes.`,
    attr: null,
  });

export function errorResponse(c: Context, error: ApiError): Response {
  return c.json(error.body, error.status);
}

/** Hono onError: known errors answer as themselves, anything else is a logged 500 and the server stays up. */
export function handleError(error: Error, c: Context): Response {
  if (error instanceof ApiError) return errorResponse(c, error);
  console.error(`[project-api] ${c.req.method} ${c.req.path} failed:`, error);
  return c.json(
    { type: 'server_error', code: 'error', detail: 'A server error occurred.', attr: null } satisfies PostHogErrorBody,
    500,
  );
}
