import { type BuildOptions, build } from 'esbuild';

/**
 * `contents` (TypeScript, imports resolved from `resolveDir`) bundled by esbuild into one classic
 * script for a page or a service worker: how tests and benchmarks run repository code in a browser
 * without a build step.
 */
export async function bundleForPage(
  contents: string,
  { resolveDir, sourcefile, target = 'es2022', ...more }: { resolveDir: string; sourcefile: string; target?: string } & Omit<BuildOptions, 'stdin' | 'write'>,
): Promise<string> {
  const result = await build({ stdin: { contents, loader: 'ts', resolveDir, sourcefile }, bundle: true, format: 'iife', platform: 'browser', target, logLevel: 'silent', ...more, write: false });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no output for ${sourcefile}`);
  return output.text;
}
