import { expect, test } from '@playwright/test';
import type { Action, ActionWrite } from '../../src/core/actions/schema';
import type { BufferedEvent } from '../../src/capture/tabEvents';
import { InspectorPage } from './pages/inspector';
import { PopupPage } from './pages/popup';
import { DemoSitePage } from './support/demoSite';
import { launchExtension, tabIdOf, type LoadedExtension } from './support/extension';
import { createAction } from './support/projectActions';
import { screenshot } from './support/screenshots';
import { startStack, type Stack } from './support/stack';
import { readTabEvents } from './support/tabBuffer';
import { connectToStack } from './support/connect';

/**
 * The project's actions in the popup and side panel, over real posthog-js on the demo site and
 * actions created on the real local project API: tags on the events they match, the detail's
 * verdict per step, the Actions view with counts and "Edit in page", and the draft's banner.
 */

test.describe.configure({ mode: 'serial' });

let stack: Stack;
let extension: LoadedExtension;
let site: DemoSitePage;
let tabId: number;
let popup: PopupPage;
let pricing: Action;
let trial: Action;
let either: Action;

const HERO_CTA = '[data-attr="hero-start-trial"]';
const isTrialClick = (event: BufferedEvent) => event.event === '$autocapture' && String(event.properties.$elements_chain).includes('hero-start-trial');
const isPricingView = (event: BufferedEvent) => event.event === '$pageview' && String(event.properties.$current_url).includes('/pricing');

test.beforeAll(async () => {
  stack = await startStack();
  extension = await launchExtension();
  site = new DemoSitePage(await extension.context.newPage(), stack.demo.url);
  await site.open('/');
  tabId = await tabIdOf(extension, site.page.url());
  // A click on the hero's call to action (it leads to /signup), then the pricing page.
  await site.heroCta().click();
  await site.page.waitForURL('**/signup');
  await site.navLink('Pricing').click();
  await expect.poll(async () => (await readTabEvents(extension, tabId)).events.some(isPricingView), { timeout: 20_000 }).toBe(true);
  await expect.poll(async () => (await readTabEvents(extension, tabId)).events.some(isTrialClick), { timeout: 20_000 }).toBe(true);
});

test.afterAll(async () => {
  await extension?.close();
  await stack?.close();
});

test('without a connection: no tags, no errors, and the Actions view asks to connect', async () => {
  popup = await PopupPage.open(extension, tabId);
  await expect(popup.rows().first()).toBeVisible();
  await expect(popup.connectPrompt()).toBeVisible();
  await popup.showView('actions');
  await expect(popup.page.getByTestId('actions-not-connected')).toContainText('Connect a project');
  await popup.showView('events');
  await expect(popup.page.getByTestId('event-action-tag')).toHaveCount(0);
  await expect(popup.page.locator('.notice.error')).toHaveCount(0);
  await popup.page.close();
});

test('connected, no actions yet: the Actions view says how to make one; Refresh finds new ones', async () => {
  await connectToStack(extension, stack);

  popup = await PopupPage.open(extension, tabId, 'popup', 'actions');
  await expect(popup.page.getByTestId('actions-empty')).toHaveText('No actions yet — create one by pinning an element in the inspector.');
  await screenshot(popup.page, 'actions-view/empty');

  pricing = await createAction(stack.api, { name: 'Pricing viewed', steps: [{ event: '$pageview', url: '/pricing', url_matching: 'contains' }] });
  trial = await createAction(stack.api, { name: 'Trial CTA clicked', steps: [{ event: '$autocapture', selector: HERO_CTA }] });
  either = await createAction(stack.api, {
    name: 'Trial or pricing',
    steps: [
      { event: '$autocapture', selector: HERO_CTA },
      { event: '$pageview', url: '/pricing' },
    ],
  });
  await popup.refreshActions();
  await expect(popup.actionItems()).toHaveCount(3);
});

test('event rows carry the actions they match; the detail says, step by step, why or why not', async () => {
  const buffer = await readTabEvents(extension, tabId);
  const trialClicks = buffer.events.filter(isTrialClick).length;
  const pricingViews = buffer.events.filter(isPricingView).length;
  expect(trialClicks).toBe(1);
  await popup.showView('events');
  await expect(popup.rowsTagged('Trial CTA clicked')).toHaveCount(trialClicks);
  await expect(popup.rowsTagged('Trial CTA clicked').locator('.event-name')).toHaveText('$autocapture');
  await expect(popup.rowsTagged('Pricing viewed')).toHaveCount(pricingViews);
  await expect(popup.rowsTagged('Pricing viewed').locator('.event-name')).toHaveText(Array(pricingViews).fill('$pageview'));
  await expect(popup.rowsTagged('Trial or pricing')).toHaveCount(trialClicks + pricingViews);
  // Everything else (the nav link's own click, the other pageviews, …) matches nothing.
  await expect
    .poll(async () => {
      const { events } = await readTabEvents(extension, tabId);
      const untagged = await popup.rows().filter({ hasNot: popup.page.getByTestId('event-action-tag') }).count();
      return untagged === events.filter((event) => !isTrialClick(event) && !isPricingView(event)).length;
    })
    .toBe(true);
  await screenshot(popup.page, 'actions-view/events-tags');

  await popup.rowsTagged('Trial CTA clicked').click();
  await expect(popup.page.getByTestId('event-action-explanation')).toHaveCount(3);
  const matched = popup.actionExplanation('Trial CTA clicked');
  await expect(matched).toHaveAttribute('data-status', 'match');
  await expect(matched).toHaveAttribute('open', '');
  await expect(matched).toContainText('The action matches this $autocapture event.');
  await expect(matched).toContainText(`Selector ${HERO_CTA} matched button`);
  const missed = popup.actionExplanation('Pricing viewed');
  await expect(missed).toHaveAttribute('data-status', 'no-match');
  await expect(missed).not.toHaveAttribute('open', '');
  await missed.locator('summary').click();
  await expect(missed).toContainText('Event is $autocapture, the step wants $pageview');
  await expect(missed.locator('.condition.fail')).toHaveCount(2);
  await expect(popup.actionExplanation('Trial or pricing')).toContainText('step 1; steps are alternatives');
  await screenshot(popup.page, 'actions-view/detail-explanation');
  await popup.page.getByRole('button', { name: 'Close event details' }).click();
});

test('the Actions view: steps in a line, matches in this tab, sync state, keyboard, side panel', async () => {
  const buffer = await readTabEvents(extension, tabId);
  const trialClicks = buffer.events.filter(isTrialClick).length;
  const pricingViews = buffer.events.filter(isPricingView).length;
  const events = (count: number) => `${count} ${count === 1 ? 'event' : 'events'} in this tab`;
  await popup.showView('actions');
  await expect(popup.page.getByTestId('actions-summary')).toContainText('3 actions');
  const rows = [
    [either, 'click [data-attr="hero-start-trial"] · pageview /pricing', trialClicks + pricingViews],
    [pricing, 'pageview /pricing', pricingViews],
    [trial, 'click [data-attr="hero-start-trial"]', trialClicks],
  ] as const;
  for (const [action, summary, count] of rows) {
    const item = popup.actionItem(action.name!);
    await expect(item.getByTestId('action-steps')).toHaveText(summary);
    await expect(item.getByTestId('action-match-count')).toHaveText(events(count));
    await expect(item.getByTestId('action-sync')).toHaveText('saved on server');
  }
  // Keyboard: Tab reaches the buttons, in order, with a visible focus ring.
  await popup.page.getByTestId('actions-refresh').focus();
  await popup.page.keyboard.press('Tab');
  const firstId = await popup.actionItems().first().getAttribute('data-action-id');
  await expect(popup.page.getByTestId(`edit-action-${firstId}`)).toBeFocused();
  const outline = await popup.page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(outline).not.toBe('none');
  await screenshot(popup.page, 'actions-view/actions-popup');
  await popup.page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(popup.page, 'actions-view/actions-popup-dark');
  await popup.showView('events');
  await screenshot(popup.page, 'actions-view/events-tags-dark');
  await popup.page.emulateMedia({ colorScheme: 'light' });

  const panel = await PopupPage.open(extension, tabId, 'sidepanel');
  await expect(panel.rowsTagged('Trial CTA clicked')).toHaveCount(trialClicks);
  await screenshot(panel.page, 'actions-view/events-tags-sidepanel');
  await panel.rowsTagged('Trial CTA clicked').click();
  await expect(panel.actionExplanation('Trial CTA clicked')).toHaveAttribute('data-status', 'match');
  await screenshot(panel.page, 'actions-view/detail-explanation-sidepanel');
  await panel.showView('actions');
  await expect(panel.actionItem('Trial CTA clicked').getByTestId('action-match-count')).toHaveText(events(trialClicks));
  await screenshot(panel.page, 'actions-view/actions-sidepanel');
  await panel.page.close();
});

/** Writes the tab's draft where the background keeps it, as the overlay's `builder.draft` would. */
async function writeDraft(action: ActionWrite | null) {
  const worker = await extension.worker();
  await worker.evaluate(
    async ({ key, draft }) => {
      const session = (globalThis as unknown as { chrome: { storage: { session: { set(items: object): Promise<void>; remove(key: string): Promise<void> } } } }).chrome.storage.session;
      if (draft) await session.set({ [key]: draft });
      else await session.remove(key);
    },
    { key: `builderDraft:${tabId}`, draft: action && { id: null, action, updatedAt: Date.now() } },
  );
}

/** The banner's text for the buffer as it is now. */
async function expectBanner(name: string, matches: (event: BufferedEvent) => boolean) {
  await expect
    .poll(
      async () => {
        const { events } = await readTabEvents(extension, tabId);
        const expected = `Draft "${name}" would have matched ${events.filter(matches).length} of ${events.length} events in this tab`;
        const shown = await popup.draftBanner().textContent();
        return shown === expected ? 'same' : `${shown} ≠ ${expected}`;
      },
      { timeout: 15_000 },
    )
    .toBe('same');
}

/** An in-app navigation, as the demo's router makes it (a click would pin while the inspector is open). */
async function goTo(path: string) {
  await site.page.evaluate((to) => {
    history.pushState({}, '', to);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

test('a draft in the tab: the banner counts what it would have matched, live as it changes and as events arrive', async () => {
  await popup.showView('events');
  await expect(popup.draftBanner()).toHaveCount(0);
  // A draft lives while the inspector is open in the tab (the background drops it after a page load without one).
  await popup.toggleInspector('open');
  await writeDraft({ name: 'Draft', steps: [{ event: '$pageview', url: '/pricing' }] });
  await expectBanner('Draft', isPricingView);
  const before = (await readTabEvents(extension, tabId)).events.filter(isPricingView).length;
  await expect(popup.rowsTagged({ draft: true })).toHaveCount(before);

  // Events arriving: another visit to the pricing page.
  await goTo('/docs');
  await goTo('/pricing');
  await expect.poll(async () => (await readTabEvents(extension, tabId)).events.filter(isPricingView).length, { timeout: 20_000 }).toBe(before + 1);
  await expectBanner('Draft', isPricingView);
  await expect(popup.rowsTagged({ draft: true })).toHaveCount(before + 1);

  // The draft changing: now the hero's button.
  await writeDraft({ name: 'Trial draft', steps: [{ event: '$autocapture', selector: HERO_CTA }] });
  await expectBanner('Trial draft', isTrialClick);
  await expect(popup.rowsTagged({ draft: true })).toHaveCount(1);
  await screenshot(popup.page, 'actions-view/draft-banner');
  await popup.rowsTagged({ draft: true }).click();
  await expect(popup.actionExplanation('Draft: Trial draft')).toHaveAttribute('data-status', 'match');
  await popup.page.getByRole('button', { name: 'Close event details' }).click();

  await writeDraft(null);
  await expect(popup.draftBanner()).toHaveCount(0);
  await expect(popup.page.getByTestId('event-draft-tag')).toHaveCount(0);
  await popup.toggleInspector('closed');
});

test('"Edit in page" opens the inspector in the tab with the action', async () => {
  const inspector = new InspectorPage(site.page);
  await expect(inspector.host()).toHaveCount(0);
  await popup.showView('actions');
  await popup.page.getByTestId(`edit-action-${trial.id}`).focus();
  await popup.page.keyboard.press('Enter');
  await expect(inspector.host()).toHaveCount(1);
  await expect(popup.page.locator('[data-testid="action-notice"][data-tone="error"]')).toHaveCount(0);
  await site.page.bringToFront();
  await inspector.waitOpen();
  await screenshot(site.page, 'actions-view/edit-in-page', { fullPage: false });
});
