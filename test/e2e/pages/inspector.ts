import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The inspector overlay on a page (its shadow root is open, which Playwright's locators pierce):
 * a change to the overlay's markup touches this file only.
 */
export class InspectorPage {
  constructor(readonly page: Page) {}

  host(): Locator {
    return this.page.locator('actionlens-inspector');
  }
  panel(): Locator {
    return this.host().getByTestId('inspector-panel');
  }
  hoverBox(): Locator {
    return this.host().getByTestId('inspector-hover-box');
  }
  pinBox(): Locator {
    return this.host().getByTestId('inspector-pin-box');
  }
  allBoxes(): Locator {
    return this.host().getByTestId('inspector-all-boxes');
  }
  hint(): Locator {
    return this.host().getByTestId('inspector-hint');
  }
  field(testId: 'panel-tag' | 'panel-chain' | 'panel-selector' | 'panel-selector-quality' | 'panel-verdict' | 'panel-text' | 'panel-attributes' | 'panel-alternatives'): Locator {
    return this.host().getByTestId(testId);
  }
  selectorCounts(): { css: Locator; server: Locator } {
    const counts = this.host().getByTestId('panel-selector-counts');
    return { css: counts.getByTestId('css-count'), server: counts.getByTestId('server-count') };
  }
  selectorInput(): Locator {
    return this.host().getByTestId('panel-selector-input');
  }
  assessment(): Locator {
    return this.host().getByTestId('panel-assessment');
  }

  async waitOpen(): Promise<void> {
    await expect(this.panel()).toBeVisible();
  }

  private async centre(element: Locator): Promise<{ x: number; y: number }> {
    await element.scrollIntoViewIfNeeded();
    const box = await element.boundingBox();
    if (!box) throw new Error('the element has no box');
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  }

  /** Moves the real mouse over an element of the page (the overlay does not take pointer events there). */
  async hover(element: Locator): Promise<void> {
    const { x, y } = await this.centre(element);
    await this.page.mouse.move(x, y, { steps: 2 });
  }

  /** Clicks an element of the page in inspect mode, which pins it. */
  async pin(element: Locator): Promise<void> {
    await this.hover(element);
    const { x, y } = await this.centre(element);
    await this.page.mouse.click(x, y);
    await expect(this.pinBox()).toBeVisible();
  }

  /** Shift-click: the click goes through to the page. */
  async clickThrough(element: Locator): Promise<void> {
    const { x, y } = await this.centre(element);
    await this.page.keyboard.down('Shift');
    await this.page.mouse.click(x, y);
    await this.page.keyboard.up('Shift');
  }

  async toggleShowAll(): Promise<void> {
    await this.host().getByTestId('inspector-show-all').click();
  }
  async switchSide(): Promise<void> {
    await this.host().getByTestId('inspector-switch-side').click();
  }
  async close(): Promise<void> {
    await this.host().getByTestId('inspector-close').click();
  }
  async chain(): Promise<string> {
    return (await this.field('panel-chain').textContent()) ?? '';
  }
}
