import type { Page } from 'puppeteer-core';
import type { FirefoxExtension } from '../support/firefox';
import { clickWhenReady, readyElement, setViewportSize, waitUntil } from '../support/pageActions';

/** One row of the Events view, as the user reads it. */
export interface EventRow {
  event: string;
  /** The row shows the end of the id; the full id is its tooltip. */
  distinctId: string;
}

const ROWS = { row: '[data-testid="event-list"] .event-row', name: '.event-name', id: '.event-id' };

/**
 * The popup (and the sidebar page) opened as a tab for one page's tab, driven through
 * puppeteer: Firefox's twin of test/e2e/pages/popup.ts, reading the same test ids.
 */
export class PopupPage {
  private constructor(readonly page: Page) {}

  static async open(extension: FirefoxExtension, tabId: number, surface: 'popup' | 'sidepanel' = 'popup', view: 'events' | 'person' | 'actions' = 'events') {
    const page = await extension.openPage(`${surface}.html?tabId=${tabId}${view === 'events' ? '' : `&view=${view}`}`);
    await setViewportSize(page, surface === 'popup' ? 460 : 400, 640);
    return new PopupPage(page);
  }

  private text(selector: string): Promise<string | null> {
    return this.page.$eval(selector, (element) => element.textContent).catch(() => null);
  }

  /** One row of the keyboard shortcut list, once the list is shown. */
  async shortcut(command: string) {
    await readyElement(this.page, '[data-testid="shortcuts"]').then((handle) => handle.dispose());
    return this.text(`[data-testid="shortcut-${command}"]`);
  }
  siteState() {
    return this.text('[data-testid="site-state"]');
  }
  eventCount() {
    return this.text('[data-testid="event-count"]');
  }
  /** The header button that opens the persistent view: its label, or null when there is none. */
  sidePanelButton() {
    return this.text('[data-testid="open-side-panel"]');
  }
  async openSidePanel() {
    await clickWhenReady(this.page, '[data-testid="open-side-panel"]');
  }
  async enableSite() {
    await clickWhenReady(this.page, '[data-testid="enable-site"]');
  }
  reloadNotice() {
    return this.text('[data-testid="needs-reload"]');
  }
  async reloadTab() {
    await clickWhenReady(this.page, '[data-testid="needs-reload"] button');
  }
  connectionSummary() {
    return this.text('[data-testid="connection-summary"]');
  }
  /** Opens or closes the inspector on the tab; resolves once the background answered. */
  async toggleInspector(expected: 'open' | 'closed') {
    await clickWhenReady(this.page, '[data-testid="open-inspector"]');
    await this.page.waitForSelector(`[data-testid="open-inspector"][data-open="${expected === 'open'}"]`);
  }
  /** Waits until the Inspect button says whether the inspector is open on the tab (it asks the tab). */
  async inspectorShown(expected: 'open' | 'closed') {
    await this.page.waitForSelector(`[data-testid="open-inspector"][data-open="${expected === 'open'}"]`);
  }
  /** Person view: the first token's state (Identified / Anonymous) and current distinct id. */
  identityState() {
    return this.text('[data-testid="identity-state"]');
  }
  currentDistinctId() {
    return this.text('[data-testid="current-distinct-id"]');
  }
  persistence() {
    return this.text('[data-testid="identity-persistence"]');
  }
  /** Person view: transition kinds, oldest first (the view lists them newest first). */
  transitionKinds(): Promise<string[]> {
    return this.page.$$eval('[data-testid="identity-transition"]', (items) => items.map((item) => item.getAttribute('data-kind') ?? '').reverse());
  }
  warningKinds(): Promise<string[]> {
    return this.page.$$eval('[data-testid="identity-warning"]', (items) => items.map((item) => item.getAttribute('data-kind') ?? '').reverse());
  }
  async showView(view: 'events' | 'person' | 'actions') {
    await clickWhenReady(this.page, `[data-testid="view-${view}"]`);
    await this.page.waitForSelector(`#view-${view}`);
  }
  /** Events view: each row's event name and the names on its action tags. */
  taggedRows(): Promise<Array<{ event: string; tags: string[]; draft: boolean }>> {
    return this.page.$$eval(ROWS.row, (rows) =>
      rows.map((row) => ({
        event: row.querySelector('.event-name')?.textContent ?? '',
        tags: [...row.querySelectorAll('[data-testid="event-action-tag"]')].map((tag) => tag.textContent ?? ''),
        draft: row.querySelector('[data-testid="event-draft-tag"]') !== null,
      })),
    );
  }
  /** Opens the first row carrying the draft's tag; answers each action verdict's title and status in its detail. */
  async openDraftRow(): Promise<Array<{ title: string; status: string | null; text: string }>> {
    await clickWhenReady(this.page, '[data-testid="event-list"] .event-row:has([data-testid="event-draft-tag"])');
    await this.page.waitForSelector('[data-testid="event-action-explanation"]');
    return this.page.$$eval('[data-testid="event-action-explanation"]', (items) =>
      items.map((item) => ({ title: item.querySelector('summary strong')?.textContent ?? '', status: item.getAttribute('data-status'), text: item.textContent ?? '' })),
    );
  }
  draftBanner(): Promise<string | null> {
    return this.text('[data-testid="draft-match-count"]');
  }
  /** Actions view: each action's name, steps line, match count and sync state. */
  actionItems(): Promise<Array<{ name: string; steps: string; matches: string; sync: string }>> {
    return this.page.$$eval('[data-testid="action-item"]', (items) =>
      items.map((item) => ({
        name: item.querySelector('.action-name')?.textContent ?? '',
        steps: item.querySelector('[data-testid="action-steps"]')?.textContent ?? '',
        matches: item.querySelector('[data-testid="action-match-count"]')?.textContent ?? '',
        sync: item.querySelector('[data-testid="action-sync"]')?.textContent ?? '',
      })),
    );
  }
  async refreshActions() {
    await clickWhenReady(this.page, '[data-testid="actions-refresh"]');
    await waitUntil(this.page, () => document.querySelector('[data-testid="actions-refresh"]')?.textContent === 'Refresh', null);
  }
  /** The rows the list shows (it is virtualized: enough for the few events these tests send). */
  rows(): Promise<EventRow[]> {
    return this.page.$$eval(
      ROWS.row,
      (rows, s) => rows.map((row) => ({ event: row.querySelector(s.name)?.textContent ?? '', distinctId: row.querySelector(s.id)?.getAttribute('title') ?? '' })),
      ROWS,
    );
  }
}

/**
 * Firefox's real sidebar. Puppeteer cannot reach it (it is part of the browser's own window), but
 * its document is one of the extension's views, which our pages can read.
 */
export class Sidebar {
  constructor(private readonly extension: FirefoxExtension) {}

  isOpen(): Promise<boolean> {
    return this.extension.evaluate((apis) => apis.sidebarAction.isOpen({}), null);
  }
  rows(): Promise<EventRow[]> {
    return this.extension.evaluate((apis, s) => {
      const view = apis.extension.getViews({ type: 'sidebar' })[0];
      return [...(view?.document.querySelectorAll(s.row) ?? [])].map((row) => ({
        event: row.querySelector(s.name)?.textContent ?? '',
        distinctId: row.querySelector(s.id)?.getAttribute('title') ?? '',
      }));
    }, ROWS);
  }
}
