import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';

/**
 * `npm run zip`'s sources zip is what Mozilla's reviewers rebuild the Firefox zip from with
 * `npm ci && npm run build:firefox`: it must hold the files those commands read, and every file
 * the extension's code imports must be inside it.
 */

const ROOT = resolve('.');
const patterns = config.zip?.includeSources ?? [];
/** `dir/**` covers a folder, anything else names one file (the only two shapes the config uses). */
const included = (file: string) => patterns.some((pattern) => (pattern.endsWith('/**') ? file.startsWith(pattern.slice(0, -2)) : file === pattern));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('the Firefox sources zip', () => {
  it.each(['package.json', 'package-lock.json', 'tsconfig.json', 'wxt.config.ts', 'entrypoints/background.ts', 'public/icon/128.png', 'README.md'])(
    'holds %s (what `npm ci && npm run build:firefox` reads, and how to run it)',
    (file) => expect(included(file)).toBe(true),
  );

  it('holds every file the extension imports by a relative path', () => {
    const files = [...sourceFiles(resolve('entrypoints')), ...sourceFiles(resolve('src')), resolve('wxt.config.ts')];
    const outside = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s+'(\.[^']+)'/g)]
        .map((match) => relative(ROOT, resolve(dirname(file), match[1]!)))
        .filter((target) => !included(target))
        .map((target) => `${relative(ROOT, file)} → ${target}`),
    );
    expect(outside).toEqual([]);
  });
});
