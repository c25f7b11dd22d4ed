import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { DemoConfig } from './app/demoConfig';

export interface DemoAsset {
  contents: Uint8Array;
  contentType: string;
}

const appEntry = fileURLToPath(new URL('./app/main.tsx', import.meta.url));
/** Never written to: esbuild only needs it to name the in-memory output files. */
const virtualOutdir = path.join(path.dirname(appEntry), '.out');

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/**
 * Bundles the demo app in memory, with posthog-js from node_modules (no CDN, no remote code) and
 * the project API's address and token compiled in. Keys are the asset file names (`app.js`, …).
 */
export async function bundleDemoApp(config: DemoConfig): Promise<Map<string, DemoAsset>> {
  const result = await build({
    entryPoints: { app: appEntry },
    outdir: virtualOutdir,
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome120', 'firefox121', 'safari17'],
    jsx: 'automatic',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'silent',
    define: {
      __DEMO_CONFIG__: JSON.stringify(config),
      // React's production build: quieter console, and the speed real sites run at.
      'process.env.NODE_ENV': '"production"',
    },
  });
  const assets = new Map<string, DemoAsset>();
  for (const file of result.outputFiles) {
    const name = path.relative(virtualOutdir, file.path).split(path.sep).join('/');
    const extension = path.extname(name);
    assets.set(name, { contents: file.contents, contentType: contentTypes[extension] ?? 'application/octet-stream' });
  }
  return assets;
}
