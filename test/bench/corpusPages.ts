import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';

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
