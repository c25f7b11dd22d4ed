import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { buildApp } from './app';
import { openDatabase } from './db';
import { FaultInjector, type FaultPlanInput } from './faults';
import { insertApiKey, randomSecret, seed } from './seed';

export interface ProjectApiOptions {
  /** Folder for `project-api.sqlite`; created if missing. */
  dataDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the API is for this machine only. */
  host?: string;
  /**
   * Offer compression to SDKs in the remote config. Default true, unless the environment has
   * `ACTIONLENS_COMPRESSION=off`; per request, `?compression=off` on a config request also
   * switches it off.
   */
  compression?: boolean;
  /** A fixed personal API key to seed (scope `*`); otherwise a random one, persisted. */
  apiKey?: string;
  /**
   * A fixed project token (e.g. the one a demo page or recorded requests carry); otherwise a
   * random `phc_` token, persisted.
   */
  projectToken?: string;
  /** Start with this fault plan set (see `faults.ts`); `faults.set()`/`clear()` change it later. */
  faults?: FaultPlanInput;
}

export interface ProjectApi {
  /** e.g. `http://127.0.0.1:8010`, no trailing slash. */
  url: string;
  projectId: number;
  projectToken: string;
  apiKey: string;
  /** A new personal API key with these scopes (e.g. `['action:read']`), persisted. */
  createApiKey(scopes: string[]): string;
  /** The fault-injection switch, its stats and request log; off until a plan is set. */
  faults: FaultInjector;
  close(): Promise<void>;
}

function compressionFromEnvironment(): boolean {
  return process.env['ACTIONLENS_COMPRESSION']?.toLowerCase() !== 'off';
}

/** Starts the local PostHog-compatible project API on SQLite; resolves once it is listening. */
export async function createProjectApi(options: ProjectApiOptions): Promise<ProjectApi> {
  const db = openDatabase(options.dataDir);
  try {
    const identity = seed(db, {
      ...(options.apiKey !== undefined && { apiKey: options.apiKey }),
      ...(options.projectToken !== undefined && { projectToken: options.projectToken }),
    });
    const faults = new FaultInjector();
    if (options.faults) faults.set(options.faults);
    const app = buildApp(db, { compression: options.compression ?? compressionFromEnvironment(), faults });
    const host = options.host ?? '127.0.0.1';

    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const started = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, () => resolve(started));
      started.once('error', reject);
    });
    const { port } = server.address() as AddressInfo;
    const urlHost = host.includes(':') ? `[${host}]` : host;

    let closing: Promise<void> | undefined;
    return {
      url: `http://${urlHost}:${port}`,
      projectId: identity.projectId,
      projectToken: identity.projectToken,
      apiKey: identity.apiKey,
      createApiKey: (scopes) => insertApiKey(db, identity.userId, randomSecret('phx_', 47), scopes, 'Created by createApiKey'),
      faults,
      close: () => {
        closing ??= new Promise<void>((resolve, reject) => {
          server.close((error) => {
            db.close();
            if (error) reject(error);
            else resolve();
          });
          // Keep-alive connections would hold close() open until they time out.
          if ('closeAllConnections' in server) server.closeAllConnections();
        });
        return closing;
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
