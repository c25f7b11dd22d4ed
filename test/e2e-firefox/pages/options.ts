import type { Page } from 'puppeteer-core';
import type { ConnectionTarget } from '../../../src/messaging/protocol';
import type { FirefoxExtension } from '../support/firefox';

/** The options page (the connection form), driven through puppeteer; see test/e2e/pages/options.ts. */
export class OptionsPage {
  private constructor(readonly page: Page) {}

  static async open(extension: FirefoxExtension) {
    return new OptionsPage(await extension.openPage('options.html'));
  }

  async fill({ target = 'local', url, projectId, apiKey }: { target?: ConnectionTarget; url?: string; projectId: string; apiKey: string }) {
    await this.page.locator(`input[name="target"][value="${target}"]`).click();
    if (url !== undefined) await this.page.locator('#host').fill(url);
    await this.page.locator('#projectId').fill(projectId);
    await this.page.locator('#apiKey').fill(apiKey);
  }
  async testConnection() {
    await this.page.locator('::-p-text(Test connection)').click();
  }
  async save() {
    await this.page.locator('button[type="submit"]').click();
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
