import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createApiClient, parseRetryAfter } from '../../../src/api/client';
import { testConnection } from '../../../src/api/testConnection';
import { createProjectApi, type ProjectApi } from '../../../src/project-api/server';

/** The client against the real local project API over HTTP, and against a few misbehaving servers. */

let api: ProjectApi;
let dataDir: string;
let odd: Server;
let oddUrl: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'actionlens-client-'));
  api = await createProjectApi({ dataDir, port: 0 });
  // A server that is not a PostHog API: HTML, wrong shapes, rate limits, a hang, a foreign `next`.
  odd = createServer((req, res) => {
    if (req.url?.startsWith('/api/projects/1/actions/')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results: [{ id: 'one', name: 'x' }] }));
    } else if (req.url?.startsWith('/api/projects/2/')) {
      res.writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' }).end('{"detail":"Request was throttled."}');
    } else if (req.url?.startsWith('/api/projects/3/')) {
      setTimeout(() => res.end('{}'), 2_000);
    } else if (req.url?.startsWith('/api/projects/4/element/stats/')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results: [], next: 'http://evil.example/steal' }));
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hello</html>');
    }
  });
  await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));
  oddUrl = `http://127.0.0.1:${(odd.address() as AddressInfo).port}`;
});

afterAll(async () => {
  odd.closeAllConnections();
  await new Promise((resolve) => odd.close(resolve));
  await api.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const client = (overrides: Partial<Parameters<typeof createApiClient>[0]> = {}) =>
  createApiClient({ host: api.url, apiKey: api.apiKey, projectId: String(api.projectId), ...overrides });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('api client', () => {
  it('reads the project, @current included', async () => {
    expect(await client().getProject()).toMatchObject({ id: api.projectId, name: expect.any(String) });
    expect(await client({ projectId: '@current' }).getProject()).toMatchObject({ id: api.projectId });
  });

  it('creates, lists, patches and soft-deletes an action', async () => {
    const c = client();
    const created = await c.createAction({ name: 'Clicked signup', steps: [{ event: '$autocapture', selector: '[data-attr="nav-signup"]' }] });
    expect((await c.listActions()).results.map((a) => a.id)).toContain(created.id);
    const patched = await c.updateAction(created.id, { description: 'from the client test' });
    expect(patched).toMatchObject({ name: 'Clicked signup', description: 'from the client test' });
    await c.deleteAction(created.id);
    expect((await c.listActions()).results.map((a) => a.id)).not.toContain(created.id);
  });

  it('names the validation error the server gave', async () => {
    const c = client();
    await c.createAction({ name: 'Unique', steps: [{ event: '$pageview' }] });
    const error = await failure(c.createAction({ name: 'Unique', steps: [{ event: '$pageview' }] }));
    expect(error.kind).toBe('validation');
    expect(error.extra.attr).toBe('name');
    expect(error.message).toContain('POST /api/projects/1/actions/');
  });

  it.each([
    ['unauthorized', () => client({ apiKey: 'phx_wrong' }).getProject()],
    ['not_found', () => client({ projectId: '404' }).getProject()],
    ['forbidden', () => createApiClient({ host: api.url, apiKey: api.createApiKey(['project:read']), projectId: '1' }).listActions()],
    ['unreachable', () => client({ host: 'http://127.0.0.1:9' }).getProject()],
  ] as const)('classifies %s', async (kind, call) => {
    expect((await failure(call())).kind).toBe(kind);
  });

  it('says which endpoint and field had the wrong shape', async () => {
    const error = await failure(createApiClient({ host: oddUrl, apiKey: 'k', projectId: '1' }).listActions());
    expect(error.kind).toBe('bad_response');
    expect(error.message).toBe('GET /api/projects/1/actions/: unexpected response: field "results.0.id": Invalid input: expected number, received string');
  });

  it('reports HTML instead of JSON, rate limits with Retry-After, and time-outs', async () => {
    const html = await failure(createApiClient({ host: oddUrl, apiKey: 'k', projectId: '9' }).getProject());
    expect(html.kind).toBe('bad_response');
    expect(html.message).toContain('expected JSON');
    const limited = await failure(createApiClient({ host: oddUrl, apiKey: 'k', projectId: '2' }).getProject());
    expect(limited).toMatchObject({ kind: 'rate_limited', extra: { status: 429, retryAfterMs: 7000 } });
    const slow = await failure(createApiClient({ host: oddUrl, apiKey: 'k', projectId: '3', timeoutMs: 200 }).getProject());
    expect(slow.kind).toBe('timeout');
  });

  it('never follows a pagination link to another host', async () => {
    const error = await failure(createApiClient({ host: oddUrl, apiKey: 'k', projectId: '4' }).elementStats({}));
    expect(error.message).toContain('refusing to follow a link to another host');
  });

  it('parses Retry-After as seconds or a date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString(), Date.now())).toBeGreaterThan(3000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('testConnection', () => {
  it('passes with the seeded key', async () => {
    expect(await testConnection(client(), '1')).toMatchObject({ ok: true, projectId: 1, warnings: [] });
  });

  it.each([
    ['unreachable', { host: 'http://127.0.0.1:9' }],
    ['unauthorized', { apiKey: 'phx_nope' }],
    ['project_not_found', { projectId: '77' }],
  ] as const)('says %s', async (problem, overrides) => {
    const result = await testConnection(client(overrides), 'projectId' in overrides ? overrides.projectId : '1');
    expect(result).toMatchObject({ ok: false, problem });
  });

  it('lists every missing scope, found without writing anything', async () => {
    const before = (await client().listActions()).results.length;
    const key = api.createApiKey(['project:read', 'action:read']);
    const result = await testConnection(createApiClient({ host: api.url, apiKey: key, projectId: '1' }), '1');
    expect(result).toMatchObject({ ok: false, problem: 'missing_scopes', missingScopes: ['action:write', 'person:read', 'element:read'] });
    expect((await client().listActions()).results.length).toBe(before);
  });

  it('reports a host that is not a PostHog API', async () => {
    const result = await testConnection(createApiClient({ host: oddUrl, apiKey: 'k', projectId: '9' }), '9');
    expect(result).toMatchObject({ ok: false, problem: 'bad_response' });
  });
});
