import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';
import { AXE_TAGS, type AxeOutcome, collectRings, type Finding, type FocusRing, hostHasFocus, readFocusRing, seriousFindings } from '../../e2e/support/accessibility';

/** axe-core's browser build, as @axe-core/playwright injects it in Chromium. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe in Firefox: the source goes in with BiDi `script.evaluate`, which runs outside the page's
 * content security policy (our extension pages forbid eval and inline scripts), then `axe.run`
 * through `script.callFunction`. With `include`, one element and everything below it, its open
 * shadow root included. Answers the serious and critical violations, as in Chromium.
 */
export async function axeFindings(page: Page, where: string, include?: string): Promise<Finding[]> {
  if (!(await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const results = (await page.evaluate(
    (tags, selector) =>
      (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<unknown> } }).axe.run(selector ? { include: [[selector]] } : document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    AXE_TAGS,
    include ?? null,
  )) as AxeOutcome;
  return seriousFindings(results, where, include);
}

/**
 * Firefox's keyboard check: real Tab presses over WebDriver BiDi, each focused element's ring read
 * as in Chromium, until the focus comes round again or leaves `host`.
 */
export function tabThrough(page: Page, { max = 40, host }: { max?: number; host?: string } = {}): Promise<FocusRing[]> {
  return collectRings(async () => {
    await page.keyboard.press('Tab');
    if (host && !(await page.evaluate(hostHasFocus, host))) return null;
    return page.evaluate(readFocusRing);
  }, max);
}
