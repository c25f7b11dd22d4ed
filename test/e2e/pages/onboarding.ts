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
  settingsLink() {
    return this.page.getByRole('link', { name: 'Open settings to connect a project' });
  }
}
