import { z } from 'zod';
import type { RequestGate } from './requestGate';
import { DEFAULT_RETRY_AFTER_MS } from './retryPolicy';
import { Action, ApiErrorBody, CurrentUser, ElementStatsRow, Paginated, Person, Project } from './schemas';

export type ApiErrorKind =
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'validation'
  | 'rate_limited'
  | 'server_error'
  | 'bad_response'
  | 'http';

/** Every failure of the project API, named by what the user can do about it. */
export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    /** `GET /api/projects/1/actions/` */
    readonly endpoint: string,
    message: string,
    readonly extra: { status?: number; code?: string; attr?: string | null; retryAfterMs?: number } = {},
  ) {
    super(`${endpoint}: ${message}`);
    this.name = 'ApiError';
  }
  get status() {
    return this.extra.status;
  }
}

/** The scope a 403 names (`API key missing required scope 'action:write'` → `action:write`), else `fallback`. */
export function missingScope(error: ApiError, fallback: string): string {
  return /scope '?"?([a-z_]+:[a-z_]+)/i.exec(error.message)?.[1] ?? fallback;
}

export interface ApiConfig {
  /** `https://us.posthog.com`, a self-hosted URL, or the local project API. */
  host: string;
  apiKey: string;
  projectId: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Shared per project: at most 4 requests in flight, none during a 429's `Retry-After`. */
  gate?: RequestGate;
}

type Query = Record<string, string | number | boolean | undefined | string[]>;

function kindForStatus(status: number): ApiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 400) return 'validation';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'http';
}

function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected response';
  const where = issue.path.length ? issue.path.join('.') : 'body';
  return `unexpected response: field "${where}": ${issue.message}`;
}

/** `Retry-After` in seconds or as an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** One client for every project API endpoint Actionlens uses; every response is parsed. */
export function createApiClient(config: ApiConfig) {
  const base = config.host.replace(/\/+$/, '');
  const timeoutMs = config.timeoutMs ?? 15_000;
  const doFetch = config.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const project = `/api/projects/${encodeURIComponent(config.projectId)}`;

  async function request<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    schema: S,
    options: { query?: Query; body?: unknown } = {},
  ): Promise<z.infer<S>> {
    const url = new URL(path.startsWith('http') ? path : `${base}${path}`);
    // A `next` link must not send the key anywhere but the configured host.
    if (url.origin !== new URL(base).origin) {
      throw new ApiError('bad_response', `${method} ${url.pathname}`, `refusing to follow a link to another host (${url.origin})`);
    }
    for (const [key, value] of Object.entries(options.query ?? {})) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
    }
    const endpoint = `${method} ${url.pathname}`;
    const release = config.gate ? await config.gate.acquire() : () => undefined;
    try {
      return await send(method, url, endpoint, schema, options.body);
    } finally {
      release();
    }
  }

  async function send<S extends z.ZodType>(method: string, url: URL, endpoint: string, schema: S, body: unknown): Promise<z.infer<S>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    try {
      response = await doFetch(url, {
        method,
        headers: {
          Authorization: `Bearer ${config.apiKey}`,
          Accept: 'application/json',
          ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: controller.signal,
        credentials: 'omit',
      });
    } catch (error) {
      if (controller.signal.aborted) throw new ApiError('timeout', endpoint, `no answer from ${base} within ${timeoutMs / 1000} s`);
      const reason = error instanceof Error ? error.message : String(error);
      throw new ApiError('unreachable', endpoint, `${base} is unreachable (${reason})`);
    } finally {
      clearTimeout(timer);
    }
    // Paused as soon as the status is known, before the body is read: no request may slip out
    // in between.
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    if (response.status === 429) config.gate?.pauseUntil(Date.now() + (retryAfterMs ?? DEFAULT_RETRY_AFTER_MS));
    let json: unknown;
    const text = await response.text().catch(() => '');
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const errorBody = ApiErrorBody.safeParse(json);
      const detail = errorBody.success && errorBody.data.detail ? errorBody.data.detail : `HTTP ${response.status}`;
      throw new ApiError(kindForStatus(response.status), endpoint, detail, {
        status: response.status,
        code: errorBody.success ? errorBody.data.code : undefined,
        attr: errorBody.success ? errorBody.data.attr : undefined,
        retryAfterMs,
      });
    }
    if (json === undefined) {
      throw new ApiError('bad_response', endpoint, `expected JSON, got ${response.headers.get('content-type') ?? 'no content type'}`, {
        status: response.status,
      });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new ApiError('bad_response', endpoint, describeIssues(parsed.error), { status: response.status });
    return parsed.data;
  }

  const elementStatsPage = (query: Query) =>
    request('GET', `${project}/element/stats/`, Paginated(ElementStatsRow), { query: { ...query, paginate_response: true } });

  return {
    host: base,
    projectId: config.projectId,
    request,
    getProject: () => request('GET', `${project}/`, Project),
    getCurrentUser: () => request('GET', '/api/users/@me/', CurrentUser),
    /** The projects the key can see (needs `project:read`). */
    listProjects: () => request('GET', '/api/projects/', Paginated(Project)),
    listActions: () => request('GET', `${project}/actions/`, Paginated(Action)),
    getAction: (id: number) => request('GET', `${project}/actions/${id}/`, Action),
    createAction: (body: Record<string, unknown>) => request('POST', `${project}/actions/`, Action, { body }),
    updateAction: (id: number, patch: Record<string, unknown>) => request('PATCH', `${project}/actions/${id}/`, Action, { body: patch }),
    /** PostHog answers DELETE with 405: an action is deleted by marking it. */
    deleteAction: (id: number) => request('PATCH', `${project}/actions/${id}/`, Action, { body: { deleted: true } }),
    findPersons: (distinctId: string) => request('GET', `${project}/persons/`, Paginated(Person), { query: { distinct_id: distinctId } }),
    elementStatsPage,
    /**
     * Element stats, following `next` until every page is read or `maxPages` were; `truncated`
     * says the server had more.
     */
    async elementStats(query: Query, maxPages = 20): Promise<{ rows: ElementStatsRow[]; truncated: boolean }> {
      const rows: ElementStatsRow[] = [];
      let page = await elementStatsPage(query);
      rows.push(...page.results);
      for (let i = 1; page.next && i < maxPages; i++) {
        page = await request('GET', page.next, Paginated(ElementStatsRow));
        rows.push(...page.results);
      }
      return { rows, truncated: Boolean(page.next) };
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
