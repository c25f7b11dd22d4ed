import { expect, test } from '@playwright/test';
import type { ActionWrite } from '../../src/core/actions/schema';
import type { ActionsList, SaveActionResult } from '../../src/messaging/protocol';
import { DEMO_PROJECT_NAME } from '../../src/project-api/seed';
import { OptionsPage } from './pages/options';
import { PopupPage } from './pages/popup';
import { DemoSitePage } from './support/demoSite';
import { launchExtension, tabIdOf, type LoadedExtension } from './support/extension';
import { createAction, getAction, listActions, patchAction } from './support/projectActions';
import { screenshot } from './support/screenshots';
import { startStack, type Stack } from './support/stack';

/**
 * The views of action sync, over the real background and the real local project API: the
 * options page's project picker, actions saved from the popup going out, the header's indicator
 * through each state (faults injected by the API: 500s, 429s, a dropped connection, 401s), a change
 * the server refuses, and conflicts with edits made on the server directly, resolved each way.
 */

test.describe.configure({ mode: 'serial' });

let stack: Stack;
let extension: LoadedExtension;
let tabId: number;
let popup: PopupPage;
/** The server id of each action by name, once created. */
const ids = new Map<string, number>();

const pageview = (url: string) => ({ event: '$pageview', url, url_matching: 'contains' as const });

test.beforeAll(async () => {
  stack = await startStack();
  extension = await launchExtension();
  const site = new DemoSitePage(await extension.context.newPage(), stack.demo.url);
  await site.open('/');
  tabId = await tabIdOf(extension, site.page.url());
});

test.afterAll(async () => {
  await extension?.close();
  await stack?.close();
});

const save = (key: string | null, action: ActionWrite) => popup.send<SaveActionResult>('actions.save', { key, action });

/** Every row of the Actions view by name, with its sync state. */
async function rowStates(): Promise<Record<string, string | null>> {
  const items = popup.actionItems();
  const out: Record<string, string | null> = {};
  for (const item of await items.all()) out[(await item.locator('.action-name, [data-testid="rename-input"]').first().textContent()) ?? ''] = await item.getAttribute('data-sync');
  return out;
}

async function expectRow(name: string, sync: string) {
  await expect(popup.actionItem(name)).toHaveAttribute('data-sync', sync, { timeout: 30_000 });
}

/** Reads the list and remembers each action's server id. */
async function learnIds() {
  const list = await popup.send<ActionsList>('actions.list', {});
  if (list.state !== 'ok') throw new Error(`actions.list: ${list.state}`);
  for (const entry of list.entries) if (entry.id !== null && entry.action.name) ids.set(entry.action.name, entry.id);
}

test('options: the key’s projects to pick from; a key that may not list them leaves the id to type', async () => {
  const options = await OptionsPage.open(extension);
  await options.page.setViewportSize({ width: 760, height: 900 });
  await options.fill({ url: stack.api.url, projectId: '@current', apiKey: stack.api.apiKey });
  // Listed by itself once the key is typed: the test build may already talk to 127.0.0.1.
  const picker = options.projectSelect();
  await expect(picker).toBeVisible();
  await expect(picker.locator('option')).toHaveText(['Choose one of 1 project…', `${stack.api.projectId} — ${DEMO_PROJECT_NAME}`]);
  await picker.selectOption(String(stack.api.projectId));
  await expect(options.page.getByLabel('Project id')).toHaveValue(String(stack.api.projectId));
  await expect(options.page.getByText('Each project keeps its own copy of the actions')).toBeVisible();
  await screenshot(options.page, 'sync-views/options-project-picker');
  await expect(await options.save()).toHaveAttribute('data-ok', 'true');

  // A key without project:read: the list is refused, the id stays to be typed by hand.
  await options.page.getByLabel('Personal API key').fill(stack.api.createApiKey(['action:read', 'action:write']));
  await expect(options.projectsError()).toContainText('project:read');
  await expect(picker).toHaveCount(0);
  await expect(options.page.getByLabel('Project id')).toBeEditable();
  await expect(options.page.getByLabel('Project id')).toHaveValue(String(stack.api.projectId));
  await screenshot(options.page, 'sync-views/options-projects-error');
  await options.page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(options.page, 'sync-views/options-projects-error-dark');
  await options.page.emulateMedia({ colorScheme: 'light' });

  // Back to the saved key: its projects again.
  await options.page.getByLabel('Personal API key').fill('');
  await expect(picker).toBeVisible();
  await expect(picker).toHaveValue(String(stack.api.projectId));
  await options.page.close();
});

test('actions saved from the popup are sent and show as saved; the indicator says synced', async () => {
  popup = await PopupPage.open(extension, tabId, 'popup', 'actions');
  await expect(popup.page.getByTestId('actions-empty')).toBeVisible();
  for (const [name, url] of [
    ['Alpha', '/pricing'],
    ['Beta', '/signup'],
    ['Gamma', '/docs'],
  ] as const) {
    // Extension pages do not wait for the server: the row follows the change.
    expect(await save(null, { name, steps: [pageview(url)] })).toMatchObject({ ok: true });
  }
  await expect(popup.actionItems()).toHaveCount(3);
  for (const name of ['Alpha', 'Beta', 'Gamma']) await expectRow(name, 'synced');
  await expect(popup.actionItem('Alpha').getByTestId('action-sync')).toHaveText('saved on server');
  await expect(popup.syncIndicator()).toHaveAttribute('data-state', 'synced');
  await expect(popup.syncIndicator()).toContainText('Synced');
  await expect(popup.syncIndicator()).toContainText(DEMO_PROJECT_NAME);
  await expect(popup.syncIndicator().getByTestId('sync-last')).toHaveText(/last synced \d{2}:\d{2}/);
  // The chip says the connection works: the options page's test badge is not repeated beside it.
  await expect(popup.connectionSummary().locator('.badge')).toHaveCount(0);
  await learnIds();
  await screenshot(popup.page, 'sync-views/synced');
});

test('a change the server answers 500 to waits, says when it tries again, and goes once the server is back', async () => {
  stack.api.faults.set({ rates: { serverError: 1 }, methods: ['POST'] });
  expect(await save(null, { name: 'Delta', steps: [pageview('/about')] })).toMatchObject({ ok: true, sent: false });
  await expectRow('Delta', 'pending');
  await expect(popup.actionItem('Delta').getByTestId('action-sync')).toHaveText(/^(waiting — retrying in \d+ s|sending again… — last try): Server error 50\d/);
  await expect(popup.syncIndicator()).toHaveAttribute('data-state', 'syncing');
  await expect(popup.page.getByTestId('actions-summary')).toContainText('4 actions · 1 waiting');
  await screenshot(popup.page, 'sync-views/pending');
  stack.api.faults.clear();
  await expectRow('Delta', 'synced');
  await expect(popup.syncIndicator()).toHaveAttribute('data-state', 'synced', { timeout: 30_000 });
  await learnIds();
});

test('rate limited: the indicator counts down, then the change goes', async () => {
  stack.api.faults.set({ rates: { rateLimit: 1 }, retryAfterSeconds: 8, methods: ['POST'] });
  await save(null, { name: 'Epsilon', steps: [pageview('/blog')] });
  await expect(popup.syncIndicator()).toHaveAttribute('data-state', 'rate-limited');
  await expect(popup.syncIndicator().getByTestId('sync-message')).toHaveText(/Rate limited, retrying in \d s/);
  const first = await popup.syncIndicator().getByTestId('sync-message').textContent();
  await expect(popup.syncIndicator().getByTestId('sync-message')).not.toHaveText(first!, { timeout: 3_000 });
  await expect(popup.actionItem('Epsilon').getByTestId('action-sync')).toHaveText(/waiting — rate limited, retrying in \d s/);
  await screenshot(popup.page, 'sync-views/indicator-rate-limited');
  stack.api.faults.clear();
  await expectRow('Epsilon', 'synced');
  await learnIds();
});

test('offline: the change stays in this browser, and is sent once (not twice) when the API is back', async () => {
  // The server stores the action, then the connection drops: the answer is lost.
  stack.api.faults.set({ rates: { dropAfterCommit: 1 } });
  await save(null, { name: 'Zeta', steps: [pageview('/careers')] });
  await expect(popup.syncIndicator()).toHaveAttribute('data-state', 'offline');
  await expect(popup.syncIndicator()).toContainText('Offline');
  await expectRow('Zeta', 'pending');
  await expect(popup.syncIndicator().getByTestId('sync-retry')).toBeVisible();
  await screenshot(popup.page, 'sync-views/indicator-offline');
  await popup.page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(popup.page, 'sync-views/indicator-offline-dark');
  await popup.page.emulateMedia({ colorScheme: 'light' });
  stack.api.faults.clear();
  await popup.syncIndicator().getByTestId('sync-retry').click();
  await expectRow('Zeta', 'synced');
  expect((await listActions(stack.api)).filter((action) => action.name === 'Zeta')).toHaveLength(1);
  await learnIds();
});

test('blocked: a key the server rejects stops every change until Retry', async () => {
  // A read of the list proves the key works again: none for the next 10 s.
  await popup.refreshActions();
  stack.api.faults.set({ rates: { unauthorized: 1 }, methods: ['POST'] });
  await save(null, { name: 'Eta', steps: [pageview('/press')] });
  await expect(popup.syncIndicator()).toHaveAttribute('data-state', 'blocked');
  await expect(popup.syncIndicator()).toContainText('401');
  await expect(popup.actionItem('Eta').getByTestId('action-sync')).toHaveText(/^waiting — The project API rejected the key \(401\)/);
  await popup.showView('events');
  await screenshot(popup.page, 'sync-views/indicator-blocked-events-view');
  // The indicator leads to the Actions view.
  await popup.syncIndicator().getByTestId('sync-chip').click();
  await expect(popup.page.locator('#view-actions')).toBeVisible();
  await screenshot(popup.page, 'sync-views/indicator-blocked');
  stack.api.faults.clear();
  await popup.syncIndicator().getByTestId('sync-retry').click();
  await expectRow('Eta', 'synced');
  await expect(popup.syncIndicator()).toHaveAttribute('data-state', 'synced', { timeout: 30_000 });
  await learnIds();
});

test('a change the server refuses: the reason, Retry, Discard; a name already taken is said at once', async () => {
  await popup.refreshActions();
  // Made on the server after the extension's last read: the extension cannot know the name is taken.
  await createAction(stack.api, { name: 'Checkout', steps: [pageview('/checkout')] });
  const alpha = popup.actionItem('Alpha');
  await alpha.getByTestId('action-rename').click();
  await popup.page.getByTestId('rename-input').fill('Checkout');
  await popup.page.getByTestId('rename-input').press('Enter');
  await expect(popup.actionByKey(`id:${ids.get('Alpha')}`)).toHaveAttribute('data-sync', 'failed');
  const refused = popup.actionByKey(`id:${ids.get('Alpha')}`);
  await expect(refused.getByTestId('action-sync')).toContainText('change refused — Refused by the project API: This project already has an action with this name');
  await expect(popup.syncIndicator()).toHaveAttribute('data-state', 'attention');
  await expect(popup.syncIndicator().getByTestId('sync-retry')).toBeVisible();
  await refused.scrollIntoViewIfNeeded();
  await screenshot(popup.page, 'sync-views/failed');

  await refused.getByTestId('action-retry').click();
  await expect(refused).toHaveAttribute('data-sync', 'failed');
  await refused.getByTestId('action-discard').click();
  await expect(refused).toHaveAttribute('data-sync', 'synced');
  await expect(refused.locator('.action-name')).toHaveText('Alpha');

  // Known here: refused before anything is queued, in the rename field.
  await expect(popup.actionItem('Checkout')).toHaveCount(1);
  await popup.actionItem('Beta').getByTestId('action-rename').click();
  await popup.page.getByTestId('rename-input').fill('Checkout');
  await popup.page.getByTestId('rename-save').click();
  await expect(popup.page.getByTestId('rename-error')).toContainText('already has an action named “Checkout”');
  await expect(popup.page.getByTestId('rename-input')).toHaveAttribute('aria-invalid', 'true');
  await screenshot(popup.page, 'sync-views/rename-error');
  await popup.page.getByTestId('rename-input').press('Escape');
  await expect(popup.page.getByTestId('action-notice')).toHaveCount(0);
  await expect(popup.page.getByTestId('rename-input')).toHaveCount(0);

  // A rename that works, from the same field.
  await popup.actionItem('Gamma').getByTestId('action-rename').click();
  await popup.page.getByTestId('rename-input').fill('Gamma docs');
  await popup.page.getByTestId('rename-input').press('Enter');
  await expectRow('Gamma docs', 'synced');
  expect((await getAction(stack.api, ids.get('Gamma')!)).name).toBe('Gamma docs');
  await learnIds();
});

test('delete asks once more on the same button, then the action goes from the server', async () => {
  const checkout = popup.actionItem('Checkout');
  const id = Number((await checkout.getAttribute('data-action-id'))!);
  await checkout.getByTestId('action-delete').click();
  await expect(checkout.getByTestId('action-delete')).toHaveText('Confirm delete');
  await expect(checkout.getByTestId('action-delete')).toBeFocused();
  await screenshot(popup.page, 'sync-views/delete-confirm');
  await checkout.getByTestId('action-delete-cancel').click();
  await expect(checkout.getByTestId('action-delete')).toHaveText('Delete');
  await checkout.getByTestId('action-delete').click();
  await checkout.getByTestId('action-delete').click();
  await expect(popup.actionItem('Checkout')).toHaveCount(0, { timeout: 30_000 });
  expect((await getAction(stack.api, id)).deleted).toBe(true);
});

test('conflicts with edits made on the server: both copies side by side, resolved each of the three ways', async () => {
  await popup.refreshActions();
  const id = (name: string) => ids.get(name)!;
  // Changed on the server directly, within the extension's 10 s before it reads the list again…
  await patchAction(stack.api, id('Alpha'), { name: 'Alpha (server)' });
  await patchAction(stack.api, id('Beta'), { name: 'Beta (server)' });
  await patchAction(stack.api, id('Delta'), { name: 'Delta (server)', steps: [pageview('/about'), pageview('/server-only')] });
  await patchAction(stack.api, id('Epsilon'), { deleted: true });
  // …and here, from the copies read before.
  const alpha = popup.actionByKey(`id:${id('Alpha')}`);
  await alpha.getByTestId('action-rename').click();
  await popup.page.getByTestId('rename-input').fill('Alpha (mine)');
  await popup.page.getByTestId('rename-input').press('Enter');
  await save(`id:${id('Beta')}`, { name: 'Beta (mine)', steps: [pageview('/signup')] });
  await save(`id:${id('Delta')}`, { name: 'Delta (mine)', steps: [pageview('/about'), pageview('/mine-only')] });
  await save(`id:${id('Epsilon')}`, { name: 'Epsilon (mine)', steps: [pageview('/blog')] });

  for (const name of ['Alpha', 'Beta', 'Delta', 'Epsilon']) await expect(popup.actionByKey(`id:${id(name)}`)).toHaveAttribute('data-sync', 'conflict', { timeout: 30_000 });
  await expect(popup.page.getByTestId('conflict-panel')).toHaveCount(4);
  await expect(popup.syncIndicator()).toHaveAttribute('data-state', 'attention');
  await expect(popup.syncIndicator()).toContainText('4 conflicts to resolve');

  const panel = (name: string) => popup.actionByKey(`id:${id(name)}`).getByTestId('conflict-panel');
  await expect(panel('Alpha')).toContainText('Changed on the server while you changed it too.');
  await expect(panel('Alpha')).toContainText('On the server: name. Here: name.');
  await expect(panel('Alpha').locator('tr[data-field="name"] [data-testid="conflict-mine"]')).toHaveText('Alpha (mine)');
  await expect(panel('Alpha').locator('tr[data-field="name"] [data-testid="conflict-theirs"]')).toHaveText('Alpha (server)');
  await expect(panel('Delta').locator('tr[data-field="steps"] [data-testid="conflict-theirs"] li.only')).toHaveText(['only this side: pageview /server-only']);
  await expect(panel('Delta').getByTestId('resolve-merge')).toContainText('3 steps: theirs + 1 of mine');
  await expect(panel('Epsilon')).toHaveAttribute('data-kind', 'deleted-on-server');
  await expect(panel('Epsilon')).toContainText('Deleted on the server while you changed it.');
  await expect(panel('Epsilon').getByTestId('resolve-merge')).toHaveCount(0);
  // The popup's list scrolls: one panel at a time. The side panel is as tall as its window.
  await panel('Delta').scrollIntoViewIfNeeded();
  await screenshot(popup.page, 'sync-views/conflict-panel');
  await popup.page.emulateMedia({ colorScheme: 'dark' });
  await panel('Alpha').scrollIntoViewIfNeeded();
  await screenshot(popup.page, 'sync-views/conflict-panel-dark');
  await popup.page.emulateMedia({ colorScheme: 'light' });
  const side = await PopupPage.open(extension, tabId, 'sidepanel', 'actions');
  await side.page.setViewportSize({ width: 400, height: 1900 });
  await expect(side.page.getByTestId('conflict-panel')).toHaveCount(4);
  await screenshot(side.page, 'sync-views/conflict-panel-sidepanel');
  await side.page.close();

  // Keep mine: my name over theirs.
  await panel('Alpha').getByTestId('resolve-mine').click();
  await expect(popup.actionByKey(`id:${id('Alpha')}`)).toHaveAttribute('data-sync', 'synced', { timeout: 30_000 });
  expect((await getAction(stack.api, id('Alpha'))).name).toBe('Alpha (mine)');
  // Take theirs: mine is dropped, the server is left as it was.
  await panel('Beta').getByTestId('resolve-theirs').click();
  await expect(popup.actionByKey(`id:${id('Beta')}`)).toHaveAttribute('data-sync', 'synced', { timeout: 30_000 });
  await expect(popup.actionByKey(`id:${id('Beta')}`).locator('.action-name')).toHaveText('Beta (server)');
  expect((await getAction(stack.api, id('Beta'))).name).toBe('Beta (server)');
  // Merge steps: their steps and mine, my name.
  await panel('Delta').getByTestId('resolve-merge').click();
  await expect(popup.actionByKey(`id:${id('Delta')}`)).toHaveAttribute('data-sync', 'synced', { timeout: 30_000 });
  const merged = await getAction(stack.api, id('Delta'));
  expect(merged.name).toBe('Delta (mine)');
  expect(merged.steps?.map((step) => step.url)).toEqual(['/about', '/server-only', '/mine-only']);
  // Deleted there, kept here: made again as a new action.
  await panel('Epsilon').getByTestId('resolve-mine').click();
  await expectRow('Epsilon (mine)', 'synced');
  expect((await listActions(stack.api)).filter((action) => action.name === 'Epsilon (mine)')).toHaveLength(1);

  await expect(popup.page.getByTestId('conflict-panel')).toHaveCount(0);
  await expect(popup.syncIndicator()).toHaveAttribute('data-state', 'synced', { timeout: 30_000 });
  // The engine keeps its cached copy of the action deleted on the server until it reads the list
  // again (reported to the background's owner): the Refresh button reads it.
  await popup.refreshActions();
  expect(await rowStates()).toEqual({
    'Epsilon (mine)': 'synced',
    'Eta': 'synced',
    'Zeta': 'synced',
    'Delta (mine)': 'synced',
    'Gamma docs': 'synced',
    'Beta (server)': 'synced',
    'Alpha (mine)': 'synced',
  });
  await screenshot(popup.page, 'sync-views/synced-after-conflicts');
});
