import { fileURLToPath } from 'node:url';
import { bundleForPage } from './bundleForPage';

export interface PosthogPageOptions {
  /** The posthog-js package to import: `posthog-js`, or an alias such as `posthog-js-1-130`. */
  pkg: string;
  /**
   * Page script run after `import posthog from '<pkg>'`; `posthog` is in scope (and on `window`).
   * May use TypeScript syntax.
   */
  entrySource: string;
}

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles a page script that uses a given posthog-js version into one IIFE, so fixture recorders
 * and e2e tests can serve a real SDK from a throwaway server without a build step.
 */
export async function bundlePosthogPage({ pkg, entrySource }: PosthogPageOptions): Promise<string> {
  return bundleForPage(`import posthog from ${JSON.stringify(pkg)};\n(window as any).posthog = posthog;\n${entrySource}`, {
    resolveDir: repoRoot,
    sourcefile: `posthog-page-${pkg}.ts`,
    target: 'es2020',
  });
}
