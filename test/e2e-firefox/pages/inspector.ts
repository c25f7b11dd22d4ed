import type { ElementHandle, Frame, Page } from 'puppeteer-core';

/** Puppeteer's way into open shadow roots: `a >>> b` finds b anywhere below a, shadow roots included. */
const inOverlay = (testId: string) => `actionlens-inspector >>> ${testId.split(' ').map((id) => `[data-testid="${id}"]`).join(' ')}`;

/**
 * The inspector overlay on a page in Firefox, driven through puppeteer: the twin of
 * test/e2e/pages/inspector.ts, reading the same test ids.
 */
export class InspectorPage {
  constructor(readonly page: Page) {}

  async hostCount(): Promise<number> {
    return (await this.page.$$('actionlens-inspector')).length;
  }
  async hostClass(): Promise<string | null> {
    return this.page.$eval('actionlens-inspector', (host) => host.getAttribute('class'));
  }
  async waitOpen(): Promise<void> {
    await this.page.waitForSelector(inOverlay('inspector-panel'), { visible: true });
  }
  async waitClosed(): Promise<void> {
    await this.page.waitForFunction(() => document.querySelector('actionlens-inspector') === null);
  }
  /** The text of one of the panel's fields, or null when it is not shown. */
  text(testId: string): Promise<string | null> {
    return this.page.$eval(inOverlay(testId), (element) => element.textContent).catch(() => null);
  }
  attribute(testId: string, name: string): Promise<string | null> {
    return this.page.$eval(inOverlay(testId), (element, attribute) => element.getAttribute(attribute), name).catch(() => null);
  }
  /** Waits until a field shows `expected` (the panel renders a frame after the event). */
  async waitText(testId: string, expected: string): Promise<void> {
    await this.page.waitForFunction(
      (selector, wanted) => {
        const host = document.querySelector('actionlens-inspector');
        return host?.shadowRoot?.querySelector(selector)?.textContent === wanted;
      },
      { timeout: 10_000 },
      `[data-testid="${testId}"]`,
      expected,
    );
  }
  /** Whether a box (`inspector-hover-box`, `inspector-pin-box`, `inspector-all-boxes`) is drawn. */
  async boxShown(testId: string): Promise<boolean> {
    return (await this.attribute(testId, 'hidden')) === null;
  }
  /** Waits until Show all's canvas reports `count` boxes drawn. */
  async waitDrawn(count: number): Promise<void> {
    await this.page.waitForFunction(
      (wanted) => document.querySelector('actionlens-inspector')?.shadowRoot?.querySelector('[data-testid="inspector-all-boxes"]')?.getAttribute('data-drawn') === String(wanted),
      { timeout: 10_000 },
      count,
    );
  }

  async waitBox(testId: string, shown: boolean): Promise<void> {
    await this.page.waitForFunction(
      (selector, wanted) => {
        const box = document.querySelector('actionlens-inspector')?.shadowRoot?.querySelector(selector);
        return !!box && box.hasAttribute('hidden') !== wanted;
      },
      { timeout: 10_000 },
      `[data-testid="${testId}"]`,
      shown,
    );
  }

  private async centre(element: ElementHandle): Promise<{ x: number; y: number }> {
    await element.scrollIntoView();
    const box = await element.boundingBox();
    if (!box) throw new Error('the element has no box');
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }
  private async find(selector: string, frame: Page | Frame = this.page): Promise<ElementHandle> {
    const element = await frame.waitForSelector(selector, { visible: true });
    if (!element) throw new Error(`no ${selector}`);
    return element;
  }

  async hover(selector: string): Promise<void> {
    const { x, y } = await this.centre(await this.find(selector));
    await this.page.mouse.move(x, y, { steps: 2 });
  }
  async pin(selector: string): Promise<void> {
    await this.hover(selector);
    const { x, y } = await this.centre(await this.find(selector));
    await this.page.mouse.click(x, y);
    await this.waitBox('inspector-pin-box', true);
  }
  async clickThrough(selector: string): Promise<void> {
    const { x, y } = await this.centre(await this.find(selector));
    await this.page.keyboard.down('Shift');
    await this.page.mouse.click(x, y);
    await this.page.keyboard.up('Shift');
  }
  async press(key: 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | '[' | ']' | 'Escape'): Promise<void> {
    await this.page.keyboard.press(key);
  }
  async click(testId: string): Promise<void> {
    await (await this.find(inOverlay(testId))).click();
  }
  /** Replaces the text of an input in the overlay, as typing would (`testId` may be a path: `builder-step-1 builder-url`). */
  async fill(testId: string, value: string): Promise<void> {
    const input = await this.find(inOverlay(testId));
    await input.click({ count: 3 });
    await this.page.keyboard.press('Backspace');
    await input.type(value);
  }
  value(testId: string): Promise<string | null> {
    return this.page.$eval(inOverlay(testId), (element) => (element as HTMLInputElement).value).catch(() => null);
  }
  /** Waits until an overlay element's attribute has the value. */
  async waitAttribute(testId: string, name: string, expected: string): Promise<void> {
    await this.page.waitForFunction(
      (selector, attribute, wanted) => document.querySelector('actionlens-inspector')?.shadowRoot?.querySelector(selector)?.getAttribute(attribute) === wanted,
      { timeout: 10_000 },
      `[data-testid="${testId}"]`,
      name,
      expected,
    );
  }
}
