import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { bundleForPage } from '../support/bundleForPage';

/** The origin corpus pages are served from in the benchmarks (no network: the context answers it). */
export const CORPUS_ORIGIN = 'http://corpus.test';

/**
 * Serves `<corpus>/pages/*.html` at `CORPUS_ORIGIN/pages/…` with the pages' own scripts removed, and
 * aborts every other request: a benchmark measures our code on the page's DOM, never the network.
 */
export async function serveCorpusPages(context: BrowserContext, corpus: string): Promise<void> {
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== CORPUS_ORIGIN || !/^\/pages\/[\w-]+\.html$/.test(url.pathname)) return route.abort();
    const html = readFileSync(path.join(corpus, url.pathname), 'utf8').replace(/<script\b[\s\S]*?<\/script\s*>/gi, '');
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  });
}

/** `../shared/corpus` beside the repository, or `ACTIONLENS_CORPUS`. */
export const CORPUS_DIR = process.env.ACTIONLENS_CORPUS ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');

/**
 * A bench page module (`./<module>`, beside this file) bundled for corpus pages and put on
 * `window[global]`. The overlay's CSS comes in as text, as Vite's `?inline` gives it.
 */
export function benchPageScript(module: string, global: string): Promise<string> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return bundleForPage(`import * as bench from './${module}'; (window as any).${global} = bench;`, {
    resolveDir: here,
    sourcefile: `${module}.entry.ts`,
    loader: { '.css': 'text' },
    plugins: [
      {
        name: 'inline-css',
        setup(bundle) {
          bundle.onResolve({ filter: /\.css\?inline$/ }, (args) => ({ path: path.resolve(args.resolveDir, args.path.replace(/\?inline$/, '')) }));
        },
      },
    ],
  });
}

/** Opens a corpus page (served by `serveCorpusPages`) and runs the bench script in it. */
export async function loadCorpusPage(page: Page, name: string, script: string): Promise<void> {
  await page.goto(`${CORPUS_ORIGIN}/pages/${name}.html`, { waitUntil: 'load' });
  await page.evaluate(script);
}
