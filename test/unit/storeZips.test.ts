import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json';

/**
 * `npm run zip` for real: the two store zips are production builds (no test hosts, no test hook),
 * and the Firefox zip is exactly what Mozilla's reviewers get when they rebuild it from the sources
 * zip with the README's command — file for file, byte for byte.
 */

const ROOT = resolve('.');
const zipPath = (kind: 'chrome' | 'firefox' | 'sources') => join(ROOT, '.output', `actionlens-${pkg.version}-${kind}.zip`);
const unzip = (kind: 'chrome' | 'firefox' | 'sources') => unzipSync(readFileSync(zipPath(kind)));
const text = (files: Record<string, Uint8Array>, name: string) => new TextDecoder().decode(files[name]);
/** The environment `npm run zip` has in a shell: none of Vitest's (`NODE_ENV=test`, `VITEST…`), no test build. */
const shellEnv = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && name !== 'WXT_TEST_BUILD' && !name.startsWith('VITEST')));
const npx = (cwd: string, ...args: string[]) => execFileSync('npx', args, { cwd, stdio: 'pipe', env: shellEnv() });

let scratch: string;

beforeAll(() => {
  npx(ROOT, 'wxt', 'zip');
  npx(ROOT, 'wxt', 'zip', '-b', 'firefox');
  scratch = mkdtempSync(join(tmpdir(), 'actionlens-sources-'));
}, 120_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('npm run zip', () => {
  it.each(['chrome', 'firefox'] as const)('the %s zip is a production build: no host access at install, no test hook', (kind) => {
    const files = unzip(kind);
    const manifest = JSON.parse(text(files, 'manifest.json')) as { host_permissions?: string[]; optional_host_permissions?: string[]; permissions: string[] };
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.optional_host_permissions).toEqual(['http://*/*', 'https://*/*']);
    const scripts = Object.keys(files).filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(3);
    expect(scripts.filter((name) => text(files, name).includes('actionlensTest'))).toEqual([]);
  });

  it('the Firefox zip rebuilds byte for byte from the sources zip (`npm run build:firefox` over its files)', () => {
    const sources = unzip('sources');
    const tree = join(scratch, 'sources');
    for (const [name, bytes] of Object.entries(sources)) {
      if (name.endsWith('/')) continue;
      const file = join(tree, name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, bytes);
    }
    // `npm ci` in the reviewers' checkout; here the same locked packages, linked.
    symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'), 'dir');
    npx(tree, 'wxt', 'build', '-b', 'firefox');

    const shipped = unzip('firefox');
    const rebuilt = join(tree, '.output', 'firefox-mv3');
    const differing = Object.entries(shipped)
      .filter(([name]) => !name.endsWith('/'))
      .filter(([name, bytes]) => !Buffer.from(bytes).equals(readFileSync(join(rebuilt, name))))
      .map(([name]) => name);
    expect(Object.keys(shipped).length).toBeGreaterThan(10);
    expect(differing).toEqual([]);
  }, 120_000);
});
