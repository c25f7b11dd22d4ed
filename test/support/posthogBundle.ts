import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

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
  const result = await build({
    stdin: {
      contents: `import posthog from ${JSON.stringify(pkg)};\n(window as any).posthog = posthog;\n${entrySource}`,
      loader: 'ts',
      resolveDir: repoRoot,
      sourcefile: `posthog-page-${pkg}.ts`,
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${pkg}`);
  return output.text;
}
