import { expect, type Page } from '@playwright/test';
import type { LoadedExtension } from '../support/extension';

/** The popup (and side panel) opened as a tab for one page's tab. */
export class PopupPage {
  private constructor(readonly page: Page) {}

  static async open(extension: LoadedExtension, tabId: number, surface: 'popup' | 'sidepanel' = 'popup', view: 'events' | 'person' | 'actions' = 'events') {
    const page = await extension.openPage(`${surface}.html?tabId=${tabId}${view === 'events' ? '' : `&view=${view}`}`);
    await page.setViewportSize({ width: surface === 'popup' ? 460 : 400, height: 640 });
    return new PopupPage(page);
  }

  siteState() {
    return this.page.getByTestId('site-state');
  }
  async enableSite() {
    await this.page.getByTestId('enable-site').click();
  }
  reloadNotice() {
    return this.page.getByTestId('needs-reload');
  }
  async reloadTab() {
    await this.reloadNotice().getByRole('button', { name: 'Reload tab' }).click();
  }
  eventList() {
    return this.page.getByTestId('event-list');
  }
  eventCount() {
    return this.page.getByTestId('event-count');
  }
  rows() {
    return this.eventList().locator('.event-row');
  }
  async openEvent(name: string) {
    await this.rows().filter({ has: this.page.locator('.event-name', { hasText: new RegExp(`^${name.replace(/\$/g, '\\$')}$`) }) }).first().click();
    await expect(this.page.getByTestId('event-detail')).toBeVisible();
  }
  async toggleCategory(label: string) {
    await this.page.getByRole('group', { name: 'Event categories' }).getByRole('button', { name: label, exact: true }).click();
  }
  async search(text: string) {
    await this.page.getByLabel('Search events').fill(text);
  }
  /** Ticks or unticks one event name in the names menu. */
  async pickName(name: string) {
    const picker = this.page.locator('.name-picker');
    if (!(await picker.getAttribute('open'))) await picker.locator('summary').click();
    await picker.getByRole('checkbox', { name }).click();
    await picker.locator('summary').click();
  }
  connectPrompt() {
    return this.page.getByTestId('connect-prompt');
  }
  connectionSummary() {
    return this.page.getByTestId('connection-summary');
  }
  inspectButton() {
    return this.page.getByTestId('open-inspector');
  }
  /** Opens or closes the inspector on the tab; resolves once the background answered. */
  async toggleInspector(expected: 'open' | 'closed') {
    await this.inspectButton().click();
    await expect(this.inspectButton()).toHaveAttribute('data-open', String(expected === 'open'));
  }
  /** One row of the keyboard shortcut list (`toggle-inspector`, `open-side-panel`, …). */
  shortcut(command: string) {
    return this.page.getByTestId(`shortcut-${command}`);
  }
  inspectorError() {
    return this.page.getByTestId('inspector-error');
  }

  /** Switches view with the keyboard, as the tabs must allow. */
  async showView(view: 'events' | 'person' | 'actions') {
    await this.page.getByTestId(`view-${view}`).focus();
    await this.page.keyboard.press('Enter');
    await expect(this.page.locator(`#view-${view}`)).toBeVisible();
  }
  /** Rows that carry a tag for this action (or the draft's tag). */
  rowsTagged(action: string | { draft: true }) {
    const tag = typeof action === 'string' ? this.page.getByTestId('event-action-tag').filter({ hasText: new RegExp(`^${escape(action)}$`) }) : this.page.getByTestId('event-draft-tag');
    return this.rows().filter({ has: tag });
  }
  draftBanner() {
    return this.page.getByTestId('draft-match-count');
  }
  /** In the open event's detail: the verdict for one action (`Draft: <name>` for the draft). */
  actionExplanation(name: string) {
    return this.page.getByTestId('event-action-explanation').filter({ has: this.page.locator('summary strong', { hasText: new RegExp(`^${escape(name)}$`) }) });
  }
  /** Actions view. */
  actionItems() {
    return this.page.getByTestId('action-item');
  }
  actionItem(name: string) {
    return this.actionItems().filter({ has: this.page.locator('.action-name', { hasText: new RegExp(`^${escape(name)}$`) }) });
  }
  /** An action's row by its key (`id:12`, `local:<uuid>`). */
  actionByKey(key: string) {
    return this.page.locator(`[data-testid="action-item"][data-key="${key}"]`);
  }
  /** The header's sync indicator (`data-state`: synced, syncing, offline, rate-limited, blocked, attention). */
  syncIndicator() {
    return this.page.getByTestId('sync-indicator');
  }
  /** Sends a message to the background as this page, as the views do (see src/messaging/sendMessage.ts). */
  async send<T>(type: string, payload: unknown): Promise<T> {
    const reply = await this.page.evaluate(
      ([type, payload]) => (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type, payload }),
      [type, payload] as const,
    );
    const answer = reply as { ok: true; value: T } | { ok: false; error: string };
    if (!answer.ok) throw new Error(`${type}: ${answer.error}`);
    return answer.value;
  }
  async refreshActions() {
    await this.page.getByTestId('actions-refresh').click();
    await expect(this.page.getByTestId('actions-refresh')).toHaveText('Refresh');
  }
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
