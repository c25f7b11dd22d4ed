import type { Page } from '@playwright/test';

/** The first-run page the install opens (`onboarding.html`). */
export class OnboardingPage {
  constructor(readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Welcome to Actionlens' });
  }
  sections() {
    return this.page.getByRole('heading', { level: 2 });
  }
  /** Step 1's form: types the address and submits it with Enter, as a user would. */
  async enableSite(address: string) {
    const input = this.page.getByLabel('Or enable a site here:');
    await input.fill(address);
    await input.press('Enter');
  }
  enableOutcome() {
    return this.page.getByTestId('onboarding-enable-outcome');
  }
  settingsLink() {
    return this.page.getByRole('link', { name: 'Open settings to connect a project' });
  }
}
