import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Page } from '@playwright/test';

export const ARTIFACTS = resolve('test/artifacts');

/**
 * Saves a screenshot under test/artifacts/ for a person to look at: the whole page, or with
 * `fullPage: false` the viewport (what fixed overlays such as the inspector's boxes cover).
 */
export async function screenshot(page: Page, name: string, { fullPage = true }: { fullPage?: boolean } = {}): Promise<string> {
  const path = resolve(ARTIFACTS, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage });
  return path;
}
