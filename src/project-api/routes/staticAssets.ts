import { readFile } from 'node:fs/promises';
import type { Context, Hono } from 'hono';
import { notFound } from '../errors';
import type { StaticAssets } from '../staticAssets';

/** `/static/<name>.js?v=<version>` and `/static/<version>/<name>.js`: posthog-js's lazy-loaded bundles. */
export function registerStaticRoutes(app: Hono, assets: StaticAssets): void {
  const serve = async (c: Context, name: string, version: string | undefined) => {
    const path = assets.resolve(name, version);
    if (!path) throw notFound();
    return c.body(await readFile(path), 200, {
      'content-type': 'application/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
    });
  };
  app.get('/static/:name', (c) => serve(c, c.req.param('name'), c.req.query('v')));
  app.get('/static/:version/:name', (c) => serve(c, c.req.param('name'), c.req.param('version')));
}
