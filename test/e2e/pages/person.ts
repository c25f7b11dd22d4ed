import type { Locator, Page } from '@playwright/test';
import type { LoadedExtension } from '../support/extension';

/** The Person view of the popup (or side panel), opened as a tab for one page's tab. */
export class PersonPage {
  private constructor(readonly page: Page) {}

  static async open(extension: LoadedExtension, tabId: number, surface: 'popup' | 'sidepanel' = 'popup') {
    const page = await extension.openPage(`${surface}.html?tabId=${tabId}&view=person`);
    await page.setViewportSize({ width: surface === 'popup' ? 480 : 420, height: 900 });
    return new PersonPage(page);
  }

  card(token?: string): Locator {
    const cards = this.page.getByTestId('identity-card');
    return token ? cards.and(this.page.locator(`[data-token="${token}"]`)) : cards.first();
  }
  state(card = this.card()) {
    return card.getByTestId('identity-state');
  }
  distinctId(card = this.card()) {
    return card.getByTestId('current-distinct-id');
  }
  groups(card = this.card()) {
    return card.getByTestId('identity-groups');
  }
  personProperties(card = this.card()) {
    return card.getByTestId('person-properties');
  }
  persistence(card = this.card()) {
    return card.getByTestId('identity-persistence');
  }
  serverProfile(card = this.card()) {
    return card.getByTestId('server-profile');
  }
  serverDistinctIds(card = this.card()) {
    return card.getByTestId('server-distinct-ids');
  }
  /** Transitions oldest first, as `kind detail` lines (the view lists them newest first). */
  async transitions(card = this.card()): Promise<Array<{ kind: string; text: string }>> {
    const items = card.getByTestId('identity-transition');
    const out: Array<{ kind: string; text: string }> = [];
    for (const item of await items.all()) out.push({ kind: (await item.getAttribute('data-kind')) ?? '', text: (await item.textContent()) ?? '' });
    return out.reverse();
  }
  /** Warning kinds, oldest first. */
  async warningKinds(card?: Locator): Promise<string[]> {
    const scope = card ?? this.page;
    const kinds = await scope.getByTestId('identity-warning').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-kind') ?? ''));
    return kinds.reverse();
  }
  warnings(): Locator {
    return this.page.getByTestId('identity-warning');
  }
}
