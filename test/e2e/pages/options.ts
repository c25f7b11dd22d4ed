import type { Page } from '@playwright/test';
import type { LoadedExtension } from '../support/extension';

/** The options page: the connection form. */
export class OptionsPage {
  private constructor(readonly page: Page) {}

  static async open(extension: LoadedExtension) {
    return new OptionsPage(await extension.openPage('options.html'));
  }

  async fill({ target = 'Local project API (bundled)', url, projectId, apiKey }: { target?: string; url?: string; projectId: string; apiKey?: string }) {
    await this.page.getByLabel(target).check();
    if (url !== undefined) await this.page.getByLabel('URL').fill(url);
    await this.page.getByLabel('Project id').fill(projectId);
    await this.page.getByLabel('Personal API key').fill(apiKey ?? '');
  }
  async testConnection() {
    await this.page.getByRole('button', { name: 'Test connection' }).click();
    return this.result();
  }
  async save() {
    await this.page.getByRole('button', { name: 'Save' }).click();
    return this.result();
  }
  /** The projects the key can see, once listed (`id — name` each). */
  projectSelect() {
    return this.page.getByLabel('Choose from the key’s projects');
  }
  projectsError() {
    return this.page.getByTestId('projects-error');
  }
  result() {
    return this.page.getByTestId('connection-result');
  }
}
