import { expect, test, type Page } from '@playwright/test';
import { HeatmapPage } from './pages/heatmap';
import { InspectorPage } from './pages/inspector';
import { OptionsPage } from './pages/options';
import { PopupPage } from './pages/popup';
import { axeFindings, describeFindings, SCHEMES, tabThrough, THEME_BG, type Finding, type Scheme } from './support/accessibility';
import { connectToStack } from './support/connect';
import { DemoSitePage } from './support/demoSite';
import { launchExtension, tabIdOf, type LoadedExtension } from './support/extension';
import { screenshot } from './support/screenshots';
import { startStack, type Stack } from './support/stack';

/**
 * Accessibility of every surface: axe (WCAG 2.0 A and AA, 2.1 AA) over the popup's three views, the
 * side panel, the options page and the inspector overlay (its open shadow root), in the light and
 * the dark theme, which must follow the system's `prefers-color-scheme`; then the keyboard: Tab
 * reaches the controls, each shows a focus ring, Enter and Space operate them. Screenshots of each
 * surface in both themes go to test/artifacts/a11y/.
 */

test.describe.configure({ mode: 'serial' });

let stack: Stack;
let extension: LoadedExtension;
let site: DemoSitePage;
let tabId: number;

test.beforeAll(async () => {
  stack = await startStack();
  extension = await launchExtension();
  await connectToStack(extension, stack);
  site = new DemoSitePage(await extension.context.newPage(), stack.demo.url);
  await site.page.setViewportSize({ width: 1400, height: 900 });
  await site.open('/');
  await site.heroCta().click();
  await site.open('/');
  tabId = await tabIdOf(extension, site.page.url());
});

test.afterAll(async () => {
  await extension?.close();
  await stack?.close();
});

async function useScheme(page: Page, scheme: Scheme): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
}

async function expectThemeOf(page: Page, scheme: Scheme): Promise<void> {
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor), { message: `the page does not follow ${scheme}` }).toBe(THEME_BG[scheme]);
}

test('popup, side panel, options and the welcome page: no serious or critical axe violations, light and dark', async () => {
  const findings: Finding[] = [];
  const popup = await PopupPage.open(extension, tabId);
  const panel = await PopupPage.open(extension, tabId, 'sidepanel');
  const options = await OptionsPage.open(extension);
  const onboarding = await extension.openPage('onboarding.html');
  await expect(popup.rows().first()).toBeVisible({ timeout: 20_000 });
  await expect(panel.rows().first()).toBeVisible();
  await popup.openEvent('$autocapture');

  for (const scheme of SCHEMES) {
    for (const page of [popup.page, panel.page, options.page, onboarding]) {
      await useScheme(page, scheme);
      await expectThemeOf(page, scheme);
    }
    await popup.showView('events');
    if (!(await popup.page.getByTestId('event-detail').isVisible())) await popup.openEvent('$autocapture');
    findings.push(...(await axeFindings(popup.page, `popup events (${scheme})`)));
    await screenshot(popup.page, `a11y/popup-events-${scheme}`);
    await popup.showView('person');
    findings.push(...(await axeFindings(popup.page, `popup person (${scheme})`)));
    await screenshot(popup.page, `a11y/popup-person-${scheme}`);
    await popup.showView('actions');
    await expect(popup.syncIndicator()).toBeVisible();
    findings.push(...(await axeFindings(popup.page, `popup actions (${scheme})`)));
    await screenshot(popup.page, `a11y/popup-actions-${scheme}`);

    findings.push(...(await axeFindings(panel.page, `side panel (${scheme})`)));
    await screenshot(panel.page, `a11y/sidepanel-${scheme}`);
    findings.push(...(await axeFindings(options.page, `options (${scheme})`)));
    await screenshot(options.page, `a11y/options-${scheme}`);
    findings.push(...(await axeFindings(onboarding, `welcome page (${scheme})`)));
    await screenshot(onboarding, `a11y/onboarding-${scheme}`);
  }
  expect(findings, describeFindings(findings)).toEqual([]);
  await Promise.all([popup.page.close(), panel.page.close(), options.page.close(), onboarding.close()]);
});

test('the inspector overlay: panel, pinned element, action builder, heatmap — no serious or critical axe violations, light and dark', async () => {
  const findings: Finding[] = [];
  const popup = await PopupPage.open(extension, tabId);
  await popup.toggleInspector('open');
  await site.page.bringToFront();
  const inspector = new InspectorPage(site.page);
  const heatmap = new HeatmapPage(inspector);
  await inspector.waitOpen();
  const overlay = 'actionlens-inspector';
  const panelBg = () => inspector.panel().evaluate((panel) => getComputedStyle(panel).backgroundColor);

  for (const scheme of SCHEMES) {
    await useScheme(site.page, scheme);
    await expect.poll(panelBg, { message: `the overlay does not follow ${scheme}` }).toBe(THEME_BG[scheme]);
    findings.push(...(await axeFindings(site.page, `overlay panel (${scheme})`, overlay)));
    await screenshot(site.page, `a11y/overlay-panel-${scheme}`, { fullPage: false });

    await inspector.pin(site.heroCta());
    await expect(inspector.field('panel-selector')).toBeVisible();
    findings.push(...(await axeFindings(site.page, `overlay pinned (${scheme})`, overlay)));
    await screenshot(site.page, `a11y/overlay-pinned-${scheme}`, { fullPage: false });

    await inspector.host().getByTestId('create-action').click();
    await expect(inspector.host().getByTestId('action-builder')).toBeVisible();
    findings.push(...(await axeFindings(site.page, `overlay action builder (${scheme})`, overlay)));
    await screenshot(site.page, `a11y/overlay-builder-${scheme}`, { fullPage: false });
    await inspector.host().getByTestId('builder-close').click();

    await heatmap.toggle();
    await expect(heatmap.panel()).toBeVisible();
    await expect(heatmap.summary()).toBeVisible();
    findings.push(...(await axeFindings(site.page, `overlay heatmap (${scheme})`, overlay)));
    await screenshot(site.page, `a11y/overlay-heatmap-${scheme}`, { fullPage: false });
    await heatmap.showTable();
    findings.push(...(await axeFindings(site.page, `overlay heatmap table (${scheme})`, overlay)));
    await heatmap.toggle();
    await expect(heatmap.panel()).toBeHidden();
  }
  expect(findings, describeFindings(findings)).toEqual([]);
  await popup.toggleInspector('closed');
  await popup.page.close();
});

test('keyboard: Tab reaches the controls of the popup, side panel, options, welcome page and overlay, each with a focus ring; Enter and Space operate them', async () => {
  for (const scheme of SCHEMES) {
    const popup = await PopupPage.open(extension, tabId);
    await useScheme(popup.page, scheme);
    await expect(popup.rows().first()).toBeVisible({ timeout: 20_000 });
    const rings = await tabThrough(popup.page);
    expect(rings.length, 'Tab reached too few of the popup’s controls').toBeGreaterThan(5);
    expect(rings.filter((ring) => !ring.visible), `popup (${scheme}): focused without a ring`).toEqual([]);
    for (const [what, page, least] of [
      ['side panel', (await PopupPage.open(extension, tabId, 'sidepanel')).page, 3],
      ['options', (await OptionsPage.open(extension)).page, 3],
      ['welcome page', await extension.openPage('onboarding.html'), 0],
    ] as const) {
      await useScheme(page, scheme);
      const pageRings = await tabThrough(page);
      expect(pageRings.length, `Tab reached too few of the ${what}’s controls`).toBeGreaterThan(least);
      expect(pageRings.filter((ring) => !ring.visible), `${what} (${scheme}): focused without a ring`).toEqual([]);
      await page.close();
    }
    await popup.page.bringToFront();
    // Space and Enter on the view tabs.
    await popup.page.getByTestId('view-person').focus();
    await popup.page.keyboard.press('Space');
    await expect(popup.page.locator('#view-person')).toBeVisible();
    await popup.showView('events');

    // The overlay: opened with Enter on Inspect, then its panel by Tab alone.
    await popup.inspectButton().focus();
    await popup.page.keyboard.press('Enter');
    await expect(popup.inspectButton()).toHaveAttribute('data-open', 'true');
    await site.page.bringToFront();
    const inspector = new InspectorPage(site.page);
    await inspector.waitOpen();
    await useScheme(site.page, scheme);
    await inspector.pin(site.heroCta());
    await inspector.host().getByTestId('inspector-heatmap').focus();
    const overlayRings = await tabThrough(site.page, { host: 'actionlens-inspector' });
    expect(overlayRings.length, 'Tab reached too few of the overlay’s controls').toBeGreaterThan(3);
    expect(overlayRings.filter((ring) => !ring.visible), `overlay (${scheme}): focused without a ring`).toEqual([]);
    // Space toggles heatmap mode, Enter closes the inspector.
    const heatmap = new HeatmapPage(inspector);
    await inspector.host().getByTestId('inspector-heatmap').focus();
    await site.page.keyboard.press('Space');
    await expect(heatmap.panel()).toBeVisible();
    await site.page.keyboard.press('Space');
    await expect(heatmap.panel()).toBeHidden();
    await inspector.host().getByTestId('inspector-close').focus();
    await site.page.keyboard.press('Enter');
    await expect(inspector.host()).toHaveCount(0);
    await popup.page.close();
  }
});
