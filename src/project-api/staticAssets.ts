import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * posthog-js lazy-loads extension bundles from `<api_host>/static/<name>.js?v=<version>` (and, with
 * `strict_script_versioning`, `/static/<version>/<name>.js`): dead-clicks-autocapture.js,
 * surveys.js, recorder.js, array.js… They are served from the installed packages' dist folders,
 * choosing the package whose version the SDK asked for, so 1.300 gets 1.300's bundles.
 */

const PACKAGES = ['posthog-js', 'posthog-js-1-300', 'posthog-js-1-130'] as const;
const ASSET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.js$/;

interface InstalledSdk {
  version: string;
  distDir: string;
}

export class StaticAssets {
  private readonly installed: InstalledSdk[];

  constructor() {
    const require = createRequire(import.meta.url);
    this.installed = PACKAGES.flatMap((name) => {
      try {
        const manifest = require.resolve(`${name}/package.json`);
        const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
        return [{ version, distDir: join(dirname(manifest), 'dist') }];
      } catch {
        return [];
      }
    });
  }

  /** The file for `name`, from the SDK of `version` when installed, else the newest; undefined when none has it. */
  resolve(name: string, version?: string): string | undefined {
    if (!ASSET_NAME.test(name) || name.includes('..')) return undefined;
    const preferred = this.installed.find((sdk) => sdk.version === version);
    for (const sdk of preferred ? [preferred] : this.installed) {
      const path = join(sdk.distDir, name);
      try {
        if (statSync(path).isFile()) return path;
      } catch {
        // not in this package
      }
    }
    return undefined;
  }
}
