import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './context';
import type { Db } from './db';
import { ApiError } from './errors';

/** PostHog scope objects the local API knows; `*` grants all of them. */
export type ScopeObject = 'action' | 'person' | 'element' | 'project' | 'user' | 'query';
export type Scope = `${ScopeObject}:${'read' | 'write'}`;

/** As PostHog's APIScopePermission: `*` grants everything and `x:write` implies `x:read`. */
export function hasScope(granted: readonly string[], required: Scope): boolean {
  if (granted.includes('*') || granted.includes(required)) return true;
  return required.endsWith(':read') && granted.includes(required.replace(/:read$/, ':write'));
}

const notAuthenticated = (): ApiError =>
  new ApiError(401, {
    type: 'authentication_error',
    code: 'not_authenticated',
    detail: 'Authentication credentials were not provided.',
    attr: null,
  });

const authenticationFailed = (source: string): ApiError =>
  new ApiError(401, {
    type: 'authentication_error',
    code: 'authentication_failed',
    detail: `Personal API key found in request ${source} is invalid.`,
    attr: null,
  });

/**
 * Personal API key authentication: `Authorization: Bearer phx_…` (PostHog also reads a
 * `personal_api_key` query parameter, so do we). Sets `principal`.
 */
export function authenticate(db: Db): MiddlewareHandler<AppEnv> {
  const findKey = db.prepare('SELECT id, user_id, scopes FROM personal_api_keys WHERE value = ?');
  return async (c, next) => {
    const header = c.req.header('authorization');
    let key: string | undefined;
    let source = 'Authorization header';
    if (header) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw authenticationFailed(source);
      key = match[1];
    } else {
      key = c.req.query('personal_api_key') || undefined;
      source = 'query string';
    }
    if (!key) throw notAuthenticated();
    const row = findKey.get(key) as { id: string; user_id: number; scopes: string } | undefined;
    if (!row) throw authenticationFailed(source);
    c.set('principal', { userId: row.user_id, keyId: row.id, scopes: JSON.parse(row.scopes) as string[] });
    await next();
  };
}

/** 403 in PostHog's words when the key lacks the scope the endpoint needs. */
export function requireScope(scope: Scope): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!hasScope(c.get('principal').scopes, scope)) {
      throw new ApiError(403, {
        type: 'authentication_error',
        code: 'permission_denied',
        detail: `API key missing required scope '${scope}'`,
        attr: null,
      });
    }
    await next();
  };
}
