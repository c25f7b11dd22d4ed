import type { Page } from 'puppeteer-core';
import type { ConnectionTarget } from '../../../src/messaging/protocol';
import type { FirefoxExtension } from '../support/firefox';
import { clickWhenReady, fillWhenReady, waitUntil } from '../support/pageActions';

/** The options page (the connection form), driven through puppeteer; see test/e2e/pages/options.ts. */
export class OptionsPage {
  private constructor(readonly page: Page) {}

  static async open(extension: FirefoxExtension) {
    return new OptionsPage(await extension.openPage('options.html'));
  }

  async fill({ target = 'local', url, projectId, apiKey }: { target?: ConnectionTarget; url?: string; projectId: string; apiKey: string }) {
    await clickWhenReady(this.page, `input[name="target"][value="${target}"]`);
    if (url !== undefined) await fillWhenReady(this.page, '#host', url);
    await fillWhenReady(this.page, '#projectId', projectId);
    await fillWhenReady(this.page, '#apiKey', apiKey);
  }
  async testConnection() {
    await waitUntil(this.page, () => [...document.querySelectorAll('button')].some((button) => button.textContent?.trim() === 'Test connection' && !button.disabled), null);
    const button = await this.page.$('::-p-text(Test connection)');
    await button!.click();
    await button!.dispose();
  }
  async save() {
    await clickWhenReady(this.page, 'button[type="submit"]');
  }
  /** The outcome box: its text and what it says about the result. */
  result(): Promise<{ text: string; ok: string | null; problem: string | null } | null> {
    return this.page
      .$eval('[data-testid="connection-result"]', (element) => ({
        text: element.textContent ?? '',
        ok: element.getAttribute('data-ok'),
        problem: element.getAttribute('data-problem'),
      }))
      .catch(() => null);
  }
  apiKeyPlaceholder() {
    return this.page.$eval('#apiKey', (input) => input.getAttribute('placeholder'));
  }
}
