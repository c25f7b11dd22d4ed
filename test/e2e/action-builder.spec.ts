import { expect, test } from '@playwright/test';
import { InspectorPage } from './pages/inspector';
import { PopupPage } from './pages/popup';
import { DemoSitePage } from './support/demoSite';
import { launchExtension, tabIdOf, type LoadedExtension } from './support/extension';
import { screenshot } from './support/screenshots';
import { startStack, type Stack } from './support/stack';
import { connectToStack } from './support/connect';

/**
 * The action builder in the overlay, on the demo site with real posthog-js, saving to the real
 * local project API: an action built by pointing must reach the API with exactly the steps shown,
 * and the page preview must count what the server's rules count.
 */

test.describe.configure({ mode: 'serial' });

let stack: Stack;
let extension: LoadedExtension;

test.beforeAll(async () => {
  stack = await startStack();
  extension = await launchExtension();
  await connectToStack(extension, stack);
});

test.afterAll(async () => {
  await extension?.close();
  await stack?.close();
});

/** The extension APIs as seen from its own pages and worker (the page code is serialized; no types there). */
interface ChromeApi {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { local: { get(key: string): Promise<Record<string, Record<string, unknown>>>; set(items: object): Promise<void> } };
}

interface ApiAction {
  id: number;
  name: string;
  steps: Array<Record<string, unknown>>;
}

async function apiActions(): Promise<ApiAction[]> {
  const response = await fetch(`${stack.api.url}/api/projects/${stack.api.projectId}/actions/`, { headers: { Authorization: `Bearer ${stack.api.apiKey}` } });
  return ((await response.json()) as { results: ApiAction[] }).results;
}

async function openInspectorOn(site: DemoSitePage): Promise<{ inspector: InspectorPage; popup: PopupPage; tabId: number }> {
  const inspector = new InspectorPage(site.page);
  const tabId = await tabIdOf(extension, site.page.url());
  const popup = await PopupPage.open(extension, tabId);
  await popup.toggleInspector('open');
  await site.page.bringToFront();
  await inspector.waitOpen();
  return { inspector, popup, tabId };
}

test('build a two-step action by pointing, preview it on the page, save it to the project API', async () => {
  const site = new DemoSitePage(await extension.context.newPage(), stack.demo.url);
  await site.open('/');
  const { inspector, popup, tabId } = await openInspectorOn(site);
  const builder = inspector.host().getByTestId('action-builder');

  // Step 1: the hero button, by its data attribute.
  await inspector.pin(site.heroCta());
  await inspector.host().getByTestId('create-action').click();
  await expect(builder).toBeVisible();
  const step1 = builder.getByTestId('builder-step-0');
  await expect(step1.getByTestId('builder-selector')).toHaveValue('[data-attr="hero-start-trial"]');
  await expect(step1.getByTestId('builder-selector-on')).toBeChecked();
  await expect(step1.getByTestId('builder-text')).toHaveValue('Start free trial');
  await expect(step1.getByTestId('builder-text-on')).not.toBeChecked();
  const preview = step1.getByTestId('builder-preview');
  await expect(preview).toHaveAttribute('data-server-count', '1');
  await expect(preview).toHaveAttribute('data-css-count', '1');
  await expect.poll(async () => inspector.allBoxes().getAttribute('data-preview-drawn')).toBe('1');
  await screenshot(site.page, 'builder/prefilled', { fullPage: false });

  // A selector that matches every button: the preview says so as you type, by the server's count.
  await step1.getByTestId('builder-selector').fill('button');
  await expect.poll(async () => Number(await preview.getAttribute('data-server-count'))).toBeGreaterThan(1);
  await step1.getByTestId('builder-selector').fill('[data-attr="hero-start-trial"]');
  await expect(preview).toHaveAttribute('data-server-count', '1');
  // Text on as well: the whole step is previewed, not the selector alone.
  await step1.getByTestId('builder-text-on').check();
  await expect(preview).toHaveAttribute('data-server-count', '1');
  await step1.getByTestId('builder-text').fill('Something else');
  await expect(preview).toHaveAttribute('data-server-count', '0');
  await expect(preview).toHaveAttribute('data-breadth', 'none');
  await step1.getByTestId('builder-text').fill('Start free trial');
  await expect(preview).toHaveAttribute('data-server-count', '1');

  // Validation from the schema, inline: no name yet.
  await expect(builder.getByTestId('builder-name-messages')).toContainText('needs a name');
  await expect(builder.getByTestId('builder-save')).toBeDisabled();
  await builder.getByTestId('builder-name').fill('Started a trial from the hero');

  // Step 2: the pricing pageview.
  await builder.getByTestId('builder-add-pageview').click();
  const step2 = builder.getByTestId('builder-step-1');
  await step2.getByTestId('builder-url').fill('/pricing');
  await expect(step2.getByTestId('builder-preview')).toHaveAttribute('data-page-matches', 'false');
  await screenshot(site.page, 'builder/two-steps', { fullPage: false });

  // The draft reaches the background for the Events view.
  await expect
    .poll(async () => (await popup.page.evaluate((id) => (globalThis as unknown as { chrome: ChromeApi }).chrome.runtime.sendMessage({ type: 'actions.draft', payload: { tabId: id } }), tabId)) as { ok: boolean; value: { action: { name: string } } | null })
    .toMatchObject({ ok: true, value: { action: { name: 'Started a trial from the hero' } } });

  // Click the button for real (Shift lets the click through): the side panel shows the live
  // event tagged with the draft, and explains the verdict step by step.
  const panel = await PopupPage.open(extension, tabId, 'sidepanel');
  await site.page.bringToFront();
  await inspector.clickThrough(site.heroCta());
  await expect(panel.rowsTagged({ draft: true }).first()).toBeVisible({ timeout: 20_000 });
  await expect(panel.rowsTagged({ draft: true }).first().locator('.event-name')).toHaveText('$autocapture');
  await expect(panel.page.getByTestId('draft-match-count')).toContainText('would have matched');
  await panel.rowsTagged({ draft: true }).first().click();
  const explanation = panel.actionExplanation('Draft: Started a trial from the hero');
  await expect(explanation).toHaveAttribute('data-status', 'match');
  await expect(explanation).toContainText('Step 1 matched');
  await screenshot(panel.page, 'builder/sidepanel-draft-explained');
  await site.page.bringToFront();

  await builder.getByTestId('builder-save').click();
  await expect(builder.getByTestId('builder-result')).toHaveAttribute('data-ok', 'true');
  await screenshot(site.page, 'builder/saved', { fullPage: false });
  // Saved: the same event is now tagged with the action itself.
  await panel.page.bringToFront();
  await expect(panel.rowsTagged('Started a trial from the hero').first()).toBeVisible({ timeout: 40_000 });
  await screenshot(panel.page, 'builder/sidepanel-tagged');
  await panel.page.close();
  await site.page.bringToFront();
  const saved = (await apiActions()).find((action) => action.name === 'Started a trial from the hero');
  expect(saved).toBeDefined();
  expect(saved!.steps.map(({ event, selector, text, text_matching, url, url_matching }) => ({ event, selector, text, text_matching, url, url_matching }))).toEqual([
    { event: '$autocapture', selector: '[data-attr="hero-start-trial"]', text: 'Start free trial', text_matching: 'exact', url: null, url_matching: null },
    { event: '$pageview', selector: null, text: null, text_matching: null, url: '/pricing', url_matching: 'contains' },
  ]);

  // Saved again after a change: the same action is changed, not a second one made.
  await builder.getByTestId('builder-description').fill('From the landing page');
  await builder.getByTestId('builder-save').click();
  await expect(builder.getByTestId('builder-result')).toHaveAttribute('data-ok', 'true');
  const all = (await apiActions()).filter((action) => action.name === 'Started a trial from the hero');
  expect(all).toHaveLength(1);

  await popup.page.close();
  await site.page.close();
});

test('CSS and the server disagree: a class that is a prefix of another element’s class', async () => {
  const site = new DemoSitePage(await extension.context.newPage(), stack.demo.url);
  await site.open('/');
  // Two buttons: `.btn` as CSS selects one, but on the server `.btn` also matches `btn-danger`.
  await site.page.evaluate(() => {
    const box = document.createElement('div');
    box.id = 'prefix-case';
    box.innerHTML = '<button class="btn" type="button">Edit</button> <button class="btn-danger" type="button">Delete</button>';
    document.querySelector('main')!.prepend(box);
  });
  const { inspector, popup } = await openInspectorOn(site);
  await inspector.pin(site.page.locator('#prefix-case .btn'));
  await inspector.host().getByTestId('create-action').click();
  const step = inspector.host().getByTestId('builder-step-0');
  await step.getByTestId('builder-selector').fill('#prefix-case .btn');
  const preview = step.getByTestId('builder-preview');
  await expect(preview).toHaveAttribute('data-css-count', '1');
  await expect(preview).toHaveAttribute('data-server-count', '2');
  await expect(step.getByTestId('builder-preview-differ')).toContainText('CSS and the server disagree');
  await expect.poll(async () => inspector.allBoxes().getAttribute('data-preview-drawn')).toBe('2');
  await screenshot(site.page, 'builder/css-vs-server', { fullPage: false });
  await popup.page.close();
  await site.page.close();
});

test('saving without a working connection says why and keeps the draft', async () => {
  const site = new DemoSitePage(await extension.context.newPage(), stack.demo.url);
  await site.open('/');
  const { inspector, popup } = await openInspectorOn(site);
  await inspector.pin(site.heroCta());
  await inspector.host().getByTestId('create-action').click();
  const builder = inspector.host().getByTestId('action-builder');
  // A name the project already has: the schema check says so before anything is sent.
  await builder.getByTestId('builder-name').fill('Started a trial from the hero');
  await expect(builder.getByTestId('builder-name-messages')).toContainText('already has an action named');
  await builder.getByTestId('builder-name').fill('Another trial action');
  // The project API refuses the key: the answer names the problem, the draft stays.
  const worker = await extension.worker();
  await worker.evaluate(async () => {
    const storage = (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.local;
    const { connection } = await storage.get('connection');
    await storage.set({ connection: { ...connection, projectId: '999999', resolvedProjectId: 999999 } });
  });
  await builder.getByTestId('builder-save').click();
  // Kept in that project's outbox, not sent, and the reason said.
  await expect(builder.getByTestId('builder-result')).toHaveAttribute('data-sent', 'false');
  await expect(builder.getByTestId('builder-result')).toContainText(/Not sent: Project 999999 not found/);
  await expect(builder.getByTestId('builder-name')).toHaveValue('Another trial action');
  await worker.evaluate(async (projectId) => {
    const storage = (globalThis as unknown as { chrome: ChromeApi }).chrome.storage.local;
    const { connection } = await storage.get('connection');
    await storage.set({ connection: { ...connection, projectId: String(projectId), resolvedProjectId: projectId } });
  }, stack.api.projectId);
  await builder.getByTestId('builder-save').click();
  await expect(builder.getByTestId('builder-result')).toHaveAttribute('data-sent', 'true');
  await popup.page.close();
  await site.page.close();
});

test('an existing action opens in the builder from the Actions view’s message, and saves as a change', async () => {
  const created = await fetch(`${stack.api.url}/api/projects/${stack.api.projectId}/actions/`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${stack.api.apiKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Viewed pricing', steps: [{ event: '$pageview', url: '/pricing', url_matching: 'contains' }] }),
  });
  const action = (await created.json()) as ApiAction;
  const site = new DemoSitePage(await extension.context.newPage(), stack.demo.url);
  await site.open('/');
  const tabId = await tabIdOf(extension, site.page.url());
  const popup = await PopupPage.open(extension, tabId);
  // What the Actions view's "Edit in page" sends: the inspector opens with the action in its builder.
  const reply = await popup.page.evaluate(
    ({ tab, id }) => (globalThis as unknown as { chrome: ChromeApi }).chrome.runtime.sendMessage({ type: 'actions.edit', payload: { tabId: tab, key: `id:${id}` } }),
    { tab: tabId, id: action.id },
  );
  expect(reply).toEqual({ ok: true, value: { open: true } });
  await site.page.bringToFront();
  const inspector = new InspectorPage(site.page);
  const builder = inspector.host().getByTestId('action-builder');
  await expect(builder.getByTestId('builder-name')).toHaveValue('Viewed pricing');
  await expect(builder.getByTestId('builder-step-0')).toHaveAttribute('data-kind', 'pageview');
  await expect(builder.getByTestId('builder-step-0').getByTestId('builder-url')).toHaveValue('/pricing');
  await builder.getByTestId('builder-step-0').getByTestId('builder-url').fill('/pricing/');
  await builder.getByTestId('builder-save').click();
  await expect(builder.getByTestId('builder-result')).toContainText(`#${action.id}`);
  const after = (await apiActions()).filter((candidate) => candidate.name === 'Viewed pricing');
  expect(after.map((candidate) => [candidate.id, candidate.steps[0]!.url])).toEqual([[action.id, '/pricing/']]);
  await popup.page.close();
  await site.page.close();
});
