import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { authenticate } from './auth';
import type { AppEnv } from './context';
import type { Db } from './db';
import { errorResponse, handleError, notFound, payloadTooLarge } from './errors';
import type { FaultInjector } from './faults';
import { Ingestor } from './ingest';
import { registerAccountRoutes } from './routes/account';
import { registerActionRoutes } from './routes/actions';
import { registerElementStatsRoutes } from './routes/elementStats';
import { registerEventRoutes } from './routes/events';
import { registerIngestionRoutes } from './routes/ingestion';
import { registerPersonRoutes } from './routes/persons';
import { registerRemoteConfigRoutes } from './routes/remoteConfig';
import { registerStaticRoutes } from './routes/staticAssets';
import { StaticAssets } from './staticAssets';
import { ActionStore } from './store/actions';
import { EventStore } from './store/events';
import { PersonStore } from './store/persons';
import { ProjectStore } from './store/projects';

/** Requests larger than this answer 413 (PostHog's capture caps batches at 20 MB too). */
export const MAX_REQUEST_BYTES = 20 * 1024 * 1024;

export interface AppOptions {
  /** Offer `supportedCompression` to SDKs (they then gzip or base64 their bodies). */
  compression: boolean;
  /** Fault injection for tests and benchmarks; it does nothing until a plan is set. */
  faults?: FaultInjector;
}

/** The whole HTTP surface over one database; `server.ts` runs it, tests may call `app.request`. */
export function buildApp(db: Db, options: AppOptions): Hono {
  const projects = new ProjectStore(db);
  const events = new EventStore(db);
  const persons = new PersonStore(db);
  const ingestor = new Ingestor(events, persons);

  const app = new Hono({ strict: false });
  app.onError(handleError);
  app.notFound((c) => errorResponse(c, notFound()));

  app.use('*', bodyLimit({ maxSize: MAX_REQUEST_BYTES, onError: (c) => errorResponse(c, payloadTooLarge(MAX_REQUEST_BYTES)) }));

  // The extension's background fetches /api/* with a Bearer key: any origin, no cookies.
  const apiCors = cors({
    origin: '*',
    allowMethods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type'],
    maxAge: 600,
  });
  // The SDK posts from the instrumented site's origin. posthog-js's XHR transport sets
  // withCredentials, which browsers only allow with the origin echoed back (not `*`) and
  // Allow-Credentials; fetch and sendBeacon work either way. Requested headers are echoed.
  const sdkCors = cors({
    origin: (origin) => origin || '*',
    credentials: true,
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    maxAge: 600,
  });
  app.use('*', (c, next) => (c.req.path.startsWith('/api/') || c.req.path === '/api' ? apiCors(c, next) : sdkCors(c, next)));
  // After CORS: preflights are answered before it, and injected faults carry CORS headers as PostHog's would.
  if (options.faults) app.use('*', options.faults.middleware());

  const api = new Hono<AppEnv>({ strict: false });
  api.use('*', authenticate(db));
  registerAccountRoutes(api, projects);
  registerActionRoutes(api, projects, new ActionStore(db));
  registerEventRoutes(api, projects, events, persons);
  registerPersonRoutes(api, projects, persons);
  registerElementStatsRoutes(api, projects, events);
  app.route('/api', api);

  registerIngestionRoutes(app, projects, ingestor);
  registerRemoteConfigRoutes(app, projects, options.compression);
  registerStaticRoutes(app, new StaticAssets());
  return app;
}
