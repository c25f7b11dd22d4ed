import type { Context, Hono } from 'hono';
import { decodeBody } from '../../core/wire';
import { ApiError, invalidProjectToken, notFound } from '../errors';
import { decideResponse, flagsResponse, remoteConfig, remoteConfigScript } from '../remoteConfig';
import { decideQuerySchema } from '../schemas';
import type { ProjectRow, ProjectStore } from '../store/projects';
import { requestBytes } from './ingestion';

const noToken = (): ApiError =>
  new ApiError(401, {
    type: 'authentication_error',
    code: 'missing_api_key',
    detail: 'No project API key provided. You can find your project API key in your PostHog project settings.',
    attr: null,
  });

/**
 * The project a `/decide/` or `/flags/` request is for: `token` (or `api_key`) in its body, which
 * posthog-js sends as JSON, base64 form or gzip like events (decoded by `core/wire`), else in the query.
 */
async function projectOfFlagsRequest(c: Context, projects: ProjectStore): Promise<ProjectRow> {
  const body = await requestBytes(c);
  let fromBody: unknown;
  if (body.length > 0) {
    try {
      const { value } = decodeBody({ url: c.req.url, method: c.req.method, contentType: c.req.header('content-type') ?? null, body });
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
        const record = value as Record<string, unknown>;
        fromBody = record['token'] ?? record['api_key'] ?? record['$token'];
      }
    } catch (error) {
      throw new ApiError(400, {
        type: 'validation_error',
        code: 'malformed_data',
        detail: `Malformed request data: ${error instanceof Error ? error.message : String(error)}`,
        attr: null,
      });
    }
  }
  const token = typeof fromBody === 'string' && fromBody ? fromBody : (c.req.query('token') ?? c.req.query('api_key'));
  if (!token) throw noToken();
  const project = projects.projectByToken(token);
  if (!project) throw invalidProjectToken();
  return project;
}

/**
 * What keeps every posthog-js version running against the local API (see remoteConfig.ts):
 * `/decide/` (≤ 1.2xx), `/flags/` (1.300, 1.449), `/array/<token>/config[.js]` (1.449).
 * Compression is offered unless switched off for the server or with `?compression=off` here.
 */
export function registerRemoteConfigRoutes(app: Hono, projects: ProjectStore, compressionEnabled: boolean): void {
  const compression = (c: Context) => compressionEnabled && c.req.query('compression') !== 'off';

  const decide = async (c: Context) => {
    const project = await projectOfFlagsRequest(c, projects);
    const { v } = decideQuerySchema.parse(c.req.query());
    return c.json(decideResponse(project, compression(c), v));
  };
  app.post('/decide', decide);
  app.get('/decide', decide);

  const flags = async (c: Context) => {
    const project = await projectOfFlagsRequest(c, projects);
    const { v } = decideQuerySchema.parse(c.req.query());
    return c.json(flagsResponse(project, compression(c), v, c.req.query('config') === 'true'));
  };
  app.post('/flags', flags);
  app.get('/flags', flags);

  const projectOfPath = (c: Context): ProjectRow => {
    const project = projects.projectByToken(c.req.param('token') ?? '');
    if (!project) throw notFound();
    return project;
  };
  app.get('/array/:token/config', (c) => c.json(remoteConfig(projectOfPath(c), compression(c))));
  app.get('/array/:token/config.js', (c) =>
    c.body(remoteConfigScript(projectOfPath(c), compression(c)), 200, {
      'content-type': 'application/javascript; charset=utf-8',
    }),
  );
}
