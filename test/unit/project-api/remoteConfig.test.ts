import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync, strToU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, toJson, type TestServer } from './testServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop());

const require = createRequire(import.meta.url);
const distOf = (pkg: string) => join(dirname(require.resolve(`${pkg}/package.json`)), 'dist');

/** How posthog-js 1.130–1.300 post to /decide/ and /flags/: base64 of JSON in a form field. */
function base64Form(body: unknown): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `data=${encodeURIComponent(Buffer.from(JSON.stringify(body)).toString('base64'))}`,
  };
}

async function request(path: string, init?: RequestInit) {
  return toJson(await server.raw(path, init));
}

const SDK_KEEPS_WORKING = {
  supportedCompression: ['gzip-js', 'base64'],
  autocapture_opt_out: false,
  elementsChainAsString: true,
  captureDeadClicks: true,
  sessionRecording: false,
  heatmaps: false,
  surveys: false,
  capturePerformance: false,
  autocaptureExceptions: false,
  siteApps: [],
  analytics: { endpoint: '/i/v0/e/' },
};

describe('/decide/ (posthog-js ≤ 1.2xx)', () => {
  it('v=3 with a base64 form body (1.130) answers config and featureFlags', async () => {
    const res = await request('/decide/?v=3&ip=1&ver=1.130.2&compression=base64', base64Form({ token: server.api.projectToken, distinct_id: 'd', groups: {} }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ...SDK_KEEPS_WORKING,
      config: { enable_collect_everything: true },
      toolbarParams: {},
      isAuthenticated: false,
      featureFlags: {},
      featureFlagPayloads: {},
      errorsWhileComputingFlags: false,
    });
    expect(res.body).not.toHaveProperty('flags');
  });

  it('v=4 answers flags with details', async () => {
    const res = await request('/decide/?v=4', { method: 'POST', body: JSON.stringify({ token: server.api.projectToken, distinct_id: 'd' }) });
    expect(res.body).toMatchObject({ ...SDK_KEEPS_WORKING, flags: {} });
    expect(res.body).not.toHaveProperty('featureFlags');
  });

  it('v=2 and gzip bodies work, and GET with ?token=', async () => {
    const gz = await request('/decide/?v=2&compression=gzip-js', { method: 'POST', body: gzipSync(strToU8(JSON.stringify({ api_key: server.api.projectToken }))) });
    expect(gz.body.featureFlags).toEqual({});
    const get = await request(`/decide/?v=3&token=${server.api.projectToken}`);
    expect(get.status).toBe(200);
  });

  it('401 for an unknown or missing token, 400 for a body it cannot read', async () => {
    const unknown = await request('/decide/?v=3', base64Form({ token: 'phc_nope', distinct_id: 'd' }));
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ type: 'authentication_error', code: 'invalid_api_key' });
    const missing = await request('/decide/?v=3', base64Form({ distinct_id: 'd' }));
    expect(missing.status).toBe(401);
    const broken = await request('/decide/?v=3', { method: 'POST', body: '{"token": ' });
    expect(broken.status).toBe(400);
    expect(broken.body.detail).toMatch(/Malformed request data/);
  });
});

describe('/flags/', () => {
  it('?v=2&config=true (1.300) carries the remote config with the flags', async () => {
    const res = await request('/flags/?v=2&config=true&compression=base64', base64Form({ token: server.api.projectToken, distinct_id: 'd' }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...SDK_KEEPS_WORKING, flags: {}, errorsWhileComputingFlags: false, requestId: expect.any(String) });
  });

  it('?v=2 (1.449) answers flags only', async () => {
    const res = await request('/flags/?v=2', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: server.api.projectToken, distinct_id: 'd' }) });
    expect(res.body).toMatchObject({ flags: {}, errorsWhileComputingFlags: false });
    expect(res.body).not.toHaveProperty('supportedCompression');
  });

  it('401 for an unknown token', async () => {
    expect((await request('/flags/?v=2', { method: 'POST', body: JSON.stringify({ token: 'phc_nope' }) })).status).toBe(401);
  });
});

describe('/array/<token>/config (1.449)', () => {
  it('JSON config', async () => {
    const res = await request(`/array/${server.api.projectToken}/config`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...SDK_KEEPS_WORKING, token: server.api.projectToken, hasFeatureFlags: false, defaultIdentifiedOnly: true });
  });

  it('config.js assigns the same config where the SDK looks for it', async () => {
    const res = await server.raw(`/array/${server.api.projectToken}/config.js`);
    expect(res.headers.get('content-type')).toContain('javascript');
    const window: { _POSTHOG_REMOTE_CONFIG?: Record<string, { config: unknown; siteApps: unknown[] }> } = {};
    runInNewContext(await res.text(), { window });
    const json = await request(`/array/${server.api.projectToken}/config`);
    expect(window._POSTHOG_REMOTE_CONFIG?.[server.api.projectToken]).toEqual({ config: json.body, siteApps: [] });
  });

  it('404 for an unknown token', async () => {
    expect((await request('/array/phc_nope/config')).status).toBe(404);
    expect((await request('/array/phc_nope/config.js')).status).toBe(404);
  });

  it('?compression=off on the config request switches compression off', async () => {
    const res = await request(`/array/${server.api.projectToken}/config?compression=off`);
    expect(res.body.supportedCompression).toEqual([]);
  });
});

describe('switching compression off for the server', () => {
  it('with the compression: false option', async () => {
    const off = await startTestServer({ compression: false });
    try {
      expect((await toJson(await off.raw(`/array/${off.api.projectToken}/config`))).body.supportedCompression).toEqual([]);
      const decide = await toJson(await off.raw('/decide/?v=3', base64Form({ token: off.api.projectToken })));
      expect(decide.body.supportedCompression).toEqual([]);
    } finally {
      await off.stop();
    }
  });

  it('with ACTIONLENS_COMPRESSION=off', async () => {
    const previous = process.env['ACTIONLENS_COMPRESSION'];
    process.env['ACTIONLENS_COMPRESSION'] = 'off';
    try {
      const off = await startTestServer();
      try {
        expect((await toJson(await off.raw(`/array/${off.api.projectToken}/config`))).body.supportedCompression).toEqual([]);
      } finally {
        await off.stop();
      }
    } finally {
      if (previous === undefined) delete process.env['ACTIONLENS_COMPRESSION'];
      else process.env['ACTIONLENS_COMPRESSION'] = previous;
    }
  });
});

describe('/static/ lazy-loaded SDK bundles', () => {
  it.each([
    ['/static/dead-clicks-autocapture.js?v=1.449.2', 'posthog-js', 'dead-clicks-autocapture.js'],
    ['/static/1.449.2/surveys.js', 'posthog-js', 'surveys.js'],
    ['/static/recorder.js?v=1.300.0', 'posthog-js-1-300', 'recorder.js'],
    ['/static/array.js?v=1.130.2', 'posthog-js-1-130', 'array.js'],
    ['/static/dead-clicks-autocapture.js?v=9.9.9', 'posthog-js', 'dead-clicks-autocapture.js'],
  ])('%s comes from %s', async (path, pkg, file) => {
    const res = await server.raw(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('javascript');
    expect(await res.text()).toBe(readFileSync(join(distOf(pkg), file), 'utf8'));
  });

  it.each(['/static/nope.js', '/static/..%2Fpackage.json', '/static/module.d.ts', '/static/surveys.js.map', '/static/dead-clicks-autocapture.js?v=1.130.2'])(
    '%s is 404',
    async (path) => {
      expect((await server.raw(path)).status).toBe(404);
    },
  );
});
