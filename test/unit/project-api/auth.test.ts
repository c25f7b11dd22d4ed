import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

describe('personal API key authentication', () => {
  it('answers 401 not_authenticated without a key', async () => {
    const res = await server.call('GET', '/api/projects/1/actions/', { key: null });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      type: 'authentication_error',
      code: 'not_authenticated',
      detail: 'Authentication credentials were not provided.',
      attr: null,
    });
  });

  it.each([
    ['an unknown key', { authorization: 'Bearer phx_not_a_real_key' }],
    ['a malformed header', { authorization: 'Token abc' }],
  ])('answers 401 authentication_failed for %s', async (_name, headers) => {
    const res = await server.call('GET', '/api/projects/1/actions/', { key: null, headers });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ type: 'authentication_error', code: 'authentication_failed', attr: null });
    expect(res.body.detail).toMatch(/Personal API key .* is invalid/);
  });

  it('accepts the key as personal_api_key query parameter too', async () => {
    const res = await server.call('GET', `/api/projects/1/actions/?personal_api_key=${server.api.apiKey}`, { key: null });
    expect(res.status).toBe(200);
  });

  it('answers 403 with PostHog wording when a scope is missing', async () => {
    const readOnly = server.api.createApiKey(['action:read']);
    expect(readOnly).toMatch(/^phx_\w{47}$/);
    expect((await server.call('GET', '/api/projects/1/actions/', { key: readOnly })).status).toBe(200);
    const res = await server.call('POST', '/api/projects/1/actions/', { key: readOnly, body: { name: 'Nope' } });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      type: 'authentication_error',
      code: 'permission_denied',
      detail: "API key missing required scope 'action:write'",
      attr: null,
    });
  });

  it.each([
    ['/api/projects/1/persons/', 'person:read'],
    ['/api/projects/1/element/stats/', 'element:read'],
    ['/api/projects/1/', 'project:read'],
    ['/api/users/@me/', 'user:read'],
    ['/api/projects/1/events/', 'query:read'],
  ])('%s needs %s', async (path, scope) => {
    const none = server.api.createApiKey(['action:read']);
    const denied = await server.call('GET', path, { key: none });
    expect(denied.status).toBe(403);
    expect(denied.body.detail).toBe(`API key missing required scope '${scope}'`);
    const granted = server.api.createApiKey([scope]);
    expect((await server.call('GET', path, { key: granted })).status).toBe(200);
  });

  it('lets a :write scope read too, as PostHog does', async () => {
    const writer = server.api.createApiKey(['action:write']);
    expect((await server.call('GET', '/api/projects/1/actions/', { key: writer })).status).toBe(200);
  });
});

describe('account endpoints', () => {
  it('GET /api/users/@me/ describes the user, its team and organization', async () => {
    const res = await server.call('GET', '/api/users/@me/');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      email: expect.any(String),
      first_name: expect.any(String),
      uuid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      team: { id: 1, name: 'Actionlens demo', api_token: server.api.projectToken },
      organization: { id: expect.any(String), name: expect.any(String) },
    });
  });

  it.each(['1', '@current'])('GET /api/projects/%s/ is the demo project', async (id) => {
    const res = await server.call('GET', `/api/projects/${id}/`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: 1, name: 'Actionlens demo', api_token: server.api.projectToken, organization: expect.any(String) });
    expect(server.api.projectToken).toMatch(/^phc_\w{43}$/);
  });

  it.each(['2', 'abc', '99999'])('an unknown project %s is 404 in PostHog words', async (id) => {
    for (const path of [`/api/projects/${id}/`, `/api/projects/${id}/actions/`, `/api/projects/${id}/element/stats/`]) {
      const res = await server.call('GET', path);
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ type: 'invalid_request', code: 'not_found', detail: 'Not found.', attr: null });
    }
  });

  it('lists projects', async () => {
    const res = await server.call('GET', '/api/projects/');
    expect(res.body.results.map((p: { id: number }) => p.id)).toEqual([1]);
  });

  it('answers JSON 404 for unknown paths', async () => {
    const res = await server.call('GET', '/api/nothing-here/');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });
});

describe('CORS', () => {
  it('answers the extension preflight for /api/* with Authorization allowed', async () => {
    const res = await server.raw('/api/projects/1/actions/1/', {
      method: 'OPTIONS',
      headers: {
        origin: 'chrome-extension://abcdef',
        'access-control-request-method': 'PATCH',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
  });

  it('adds CORS headers to API responses, errors included', async () => {
    const res = await server.raw('/api/projects/1/actions/', { headers: { origin: 'https://example.com' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('echoes the page origin with credentials for SDK endpoints (posthog-js XHR uses withCredentials)', async () => {
    const preflight = await server.raw('/e/', {
      method: 'OPTIONS',
      headers: { origin: 'http://127.0.0.1:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
    const config = await server.raw(`/array/${server.api.projectToken}/config`, { headers: { origin: 'http://site.test' } });
    expect(config.headers.get('access-control-allow-origin')).toBe('http://site.test');
  });
});
