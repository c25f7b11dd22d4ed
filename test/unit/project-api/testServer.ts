import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, strToU8 } from 'fflate';
import { createProjectApi, type ProjectApi, type ProjectApiOptions } from '../../../src/project-api/server';

/** A project API on an ephemeral 127.0.0.1 port over a fresh temporary data dir, and fetch helpers. */
export interface TestServer {
  api: ProjectApi;
  dataDir: string;
  /** Authenticated JSON request to the API (`key` defaults to the seeded key; `null` sends none). */
  call(method: string, path: string, options?: { body?: unknown; key?: string | null; headers?: Record<string, string> }): Promise<JsonResponse>;
  /** Raw request (ingestion, remote config, static). */
  raw(path: string, init?: RequestInit): Promise<Response>;
  /** Sends events as posthog-js 1.449 does: gzip `{api_key, batch, sent_at}` to `/e/`. */
  capture(events: TestEvent[], options?: { token?: string }): Promise<JsonResponse>;
  /** Restart on the same data dir (close, reopen). */
  restart(options?: Partial<ProjectApiOptions>): Promise<void>;
  stop(): Promise<void>;
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: any;
}

export interface TestEvent {
  event: string;
  distinct_id: string;
  properties?: Record<string, unknown>;
  uuid?: string;
  timestamp?: string;
  $set?: Record<string, unknown>;
  $set_once?: Record<string, unknown>;
}

export async function toJson(response: Response): Promise<JsonResponse> {
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON; keep the text
  }
  return { status: response.status, headers: response.headers, body };
}

export async function startTestServer(options: Partial<ProjectApiOptions> = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'actionlens-project-api-'));
  let api = await createProjectApi({ dataDir, port: 0, ...options });

  const server: TestServer = {
    get api() {
      return api;
    },
    dataDir,
    async call(method, path, { body, key, headers } = {}) {
      const requestHeaders: Record<string, string> = { ...headers };
      if (key !== null) requestHeaders['authorization'] ??= `Bearer ${key ?? api.apiKey}`;
      if (body !== undefined) requestHeaders['content-type'] ??= 'application/json';
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers: requestHeaders,
        ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      return toJson(response);
    },
    raw: (path, init) => fetch(`${api.url}${path}`, init),
    async capture(events, { token } = {}) {
      const payload = {
        api_key: token ?? api.projectToken,
        sent_at: new Date().toISOString(),
        batch: events.map(({ distinct_id, properties, ...rest }) => ({
          uuid: crypto.randomUUID(),
          timestamp: new Date().toISOString(),
          ...rest,
          properties: { distinct_id, ...properties },
        })),
      };
      const response = await fetch(`${api.url}/e/`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: gzipSync(strToU8(JSON.stringify(payload))),
      });
      return toJson(response);
    },
    async restart(restartOptions = {}) {
      await api.close();
      api = await createProjectApi({ dataDir, port: 0, ...options, ...restartOptions });
    },
    async stop() {
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}
