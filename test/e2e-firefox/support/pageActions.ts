import type { ElementHandle, Page } from 'puppeteer-core';

/**
 * Waiting and acting on our extension pages without puppeteer's in-page helpers. Firefox ESR
 * 140.12 (Debian's bookworm-security update) fails every `waitForFunction` on a `moz-extension:`
 * page ("Waiting failed"): puppeteer builds its poller in the page, which the extension pages'
 * content security policy refuses. Its locators wait for "enabled" that way too, so their clicks
 * and fills time out there. `evaluate` and element handles still work (BiDi calls a function
 * declaration, it does not evaluate source in the page), and so do these, on any page.
 */

const DEFAULT_TIMEOUT_MS = 15_000;
const POLL_MS = 50;

/** Resolves once `fn(arg)` is truthy in the page, asked from here every 50 ms. */
export async function waitUntil<A>(page: Page, fn: (arg: A) => unknown, arg: A, { timeout = DEFAULT_TIMEOUT_MS, what = fn.toString() } = {}): Promise<void> {
  const until = Date.now() + timeout;
  let lastError: unknown = null;
  for (;;) {
    try {
      if (await page.evaluate(fn as (arg: unknown) => unknown, arg as unknown)) return;
      lastError = null;
    } catch (error) {
      // A navigation or a re-render between two asks: ask again.
      lastError = error;
    }
    if (Date.now() > until) throw new Error(`timed out after ${timeout} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The element once it is in the page, rendered and not disabled — what a user could click. */
export async function readyElement(page: Page, selector: string, { timeout = DEFAULT_TIMEOUT_MS } = {}): Promise<ElementHandle<Element>> {
  await waitUntil(
    page,
    (wanted) => {
      const element = document.querySelector(wanted);
      if (!element) return false;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && !(element as HTMLButtonElement).disabled && element.closest('fieldset:disabled') === null;
    },
    selector,
    { timeout, what: `${selector} to be visible and enabled` },
  );
  const handle = await page.$(selector);
  if (!handle) throw new Error(`${selector} went away before it could be used`);
  return handle;
}

export async function clickWhenReady(page: Page, selector: string, options?: { timeout?: number }): Promise<void> {
  const handle = await readyElement(page, selector, options);
  try {
    await handle.click();
  } finally {
    await handle.dispose();
  }
}

/** Replaces the field's text as a user would: select it all, then type (an empty value deletes it). */
export async function fillWhenReady(page: Page, selector: string, value: string, options?: { timeout?: number }): Promise<void> {
  const handle = await readyElement(page, selector, options);
  try {
    await handle.evaluate((element) => {
      (element as HTMLElement).focus();
      (element as HTMLInputElement).select?.();
    });
    if (value === '') await page.keyboard.press('Backspace');
    else await page.keyboard.type(value);
  } finally {
    await handle.dispose();
  }
}

/**
 * The page's viewport through BiDi itself: `page.setViewport` also sends
 * `emulation.setScreenOrientationOverride`, which Firefox ESR 140 does not know.
 */
export async function setViewportSize(page: Page, width: number, height: number): Promise<void> {
  const context = (page.mainFrame() as unknown as { browsingContext: { setViewport(options: { viewport: { width: number; height: number } }): Promise<void> } })
    .browsingContext;
  await context.setViewport({ viewport: { width, height } });
}
