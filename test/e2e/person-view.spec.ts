import { expect, test, type Page } from '@playwright/test';
import { userIdForEmail } from '../../src/demo-site/app/userId';
import { PersonPage } from './pages/person';
import { PopupPage } from './pages/popup';
import { DemoSitePage } from './support/demoSite';
import { launchExtension, tabIdOf, type LoadedExtension } from './support/extension';
import { SITE_TOKEN, startPosthogSite } from './support/posthogSite';
import { screenshot } from './support/screenshots';
import { startStack, type Stack } from './support/stack';
import { readTabEvents } from './support/tabBuffer';
import { connectToStack } from './support/connect';

/**
 * The Person view over real posthog-js: the demo site's whole identity story (anonymous → login →
 * alias → group → logout → login as someone else) against the real local project API, and a page
 * that makes each QA-check mistake on purpose.
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

/** Waits until the tab's buffer holds an event the predicate accepts. */
async function bufferHas(tabId: number, predicate: (event: { event: string; properties: Record<string, unknown> }) => boolean) {
  await expect.poll(async () => (await readTabEvents(extension, tabId)).events.some(predicate), { timeout: 20_000 }).toBe(true);
}

test('the demo site’s identity story, transition by transition, with the server’s person', async () => {
  const ada = { name: 'Ada Lovelace', email: 'ada@example.com', password: 'correct horse battery', company: 'Analytical Engines' };
  const grace = 'grace.hopper@example.com';
  const site = new DemoSitePage(await extension.context.newPage(), stack.demo.url);
  await site.open('/');
  const tabId = await tabIdOf(extension, site.page.url());
  const firstAnon = await site.distinctId();
  await site.navLink('Pricing').click();
  await bufferHas(tabId, (event) => event.event === '$pageview' && String(event.properties.$current_url).endsWith('/pricing'));

  const person = await PersonPage.open(extension, tabId);
  await expect(person.state()).toHaveText('Anonymous');
  await expect(person.distinctId()).toHaveText(firstAnon);
  await expect(person.persistence()).toContainText('anonymous');
  await screenshot(person.page, 'person-view/anonymous');

  // Login: identify with $set and $set_once, and the company group.
  await site.open('/login');
  await site.logIn(ada.email, ada.password);
  await bufferHas(tabId, (event) => event.event === '$groupidentify');
  await expect(person.state()).toHaveText('Identified');
  await expect(person.distinctId()).toHaveText(userIdForEmail(ada.email));
  await expect(person.groups()).toContainText('company: ');
  await expect(person.personProperties()).toContainText(ada.email);
  await expect(person.personProperties()).toContainText('first_login_at');
  await expect(person.personProperties()).toContainText('$set_once');

  // Alias from the settings page.
  await site.sidebarLink('Settings').click();
  const helpdeskId = await site.linkAccount();
  await bufferHas(tabId, (event) => event.event === '$create_alias');
  await expect.poll(async () => (await person.transitions()).map((entry) => entry.kind)).toContain('alias');
  // The server has merged the anonymous id and the user id into one person.
  await expect(person.serverDistinctIds()).toContainText(firstAnon, { timeout: 20_000 });
  await expect(person.serverDistinctIds()).toContainText(userIdForEmail(ada.email));
  await screenshot(person.page, 'person-view/identified');

  // Logout (reset), browse, and log in as someone else.
  await site.logOut();
  const secondAnon = await site.distinctId();
  expect(secondAnon).not.toBe(firstAnon);
  await site.navLink('Pricing').click();
  await bufferHas(tabId, (event) => event.properties.distinct_id === secondAnon && event.event === '$pageview');
  await expect(person.state()).toHaveText('Anonymous');
  await expect(person.distinctId()).toHaveText(secondAnon);
  await screenshot(person.page, 'person-view/after-reset');

  await site.open('/login');
  await site.logIn(grace, 'any password');
  await bufferHas(tabId, (event) => event.event === '$groupidentify' && event.properties.distinct_id === userIdForEmail(grace));
  await expect(person.distinctId()).toHaveText(userIdForEmail(grace));
  await expect.poll(async () => (await person.transitions()).filter((entry) => entry.kind === 'group').length).toBe(2);

  const transitions = await person.transitions();
  const kinds = transitions.map((entry) => entry.kind).filter((kind) => kind !== 'group');
  expect(kinds).toEqual(['first-seen', 'identify', 'alias', 'reset', 'identify']);
  const identifies = transitions.filter((entry) => entry.kind === 'identify');
  expect(identifies[0]!.text).toContain(`${firstAnon} → ${userIdForEmail(ada.email)}`);
  expect(identifies[1]!.text).toContain(`${secondAnon} → ${userIdForEmail(grace)}`);
  expect(transitions.find((entry) => entry.kind === 'alias')!.text).toContain(helpdeskId);
  expect(transitions.find((entry) => entry.kind === 'reset')!.text).toContain(`${userIdForEmail(ada.email)} → ${secondAnon}`);
  // The correct flow raises no warning.
  expect(await person.warningKinds()).toEqual([]);
  await expect(person.serverDistinctIds()).toContainText(secondAnon, { timeout: 20_000 });
  await expect(person.serverDistinctIds()).toContainText(userIdForEmail(grace));
  await screenshot(person.page, 'person-view/second-user');

  // The Events view's header line says the same, and the popup's Person tab is one click away.
  const popup = await PopupPage.open(extension, tabId);
  await expect(popup.page.getByTestId('identity-line')).toContainText('Identified');
  await expect(popup.page.getByTestId('identity-line')).toContainText(userIdForEmail(grace).slice(-12));
  await popup.page.getByTestId('identity-line').click();
  await expect(popup.page.getByTestId('identity-card')).toBeVisible();
  await popup.page.close();

  // The side panel shows the same view.
  const panel = await PersonPage.open(extension, tabId, 'sidepanel');
  await expect(panel.distinctId()).toHaveText(userIdForEmail(grace));
  await screenshot(panel.page, 'person-view/sidepanel');
  await panel.page.close();
  await person.page.close();
  await site.page.close();
});

interface PosthogHandle {
  identify(id?: unknown, set?: object, setOnce?: object): void;
  alias(alias: string): void;
  group(type: string, key: string, props?: object): void;
  reset(): void;
  capture(name: string, props?: object): void;
  setPersonProperties(set?: object, setOnce?: object): void;
  init(token: string, config: object, name: string): unknown;
  set_config(config: object): void;
  config: { api_host: string };
}

/** Each mistake on a fresh origin (its own storage), on real posthog-js; the page flushes everything at the end. */
const mistakes: Array<{
  name: string;
  expected: string[];
  /** posthog.init options for this page. */
  initOptions?: Record<string, unknown>;
  /** Run on a page of the same origin without the SDK, before the SDK's page loads. */
  before?: (page: Page) => Promise<void>;
  steps: (page: Page) => Promise<void>;
}> = [
  {
    name: 'a correct flow',
    expected: [],
    steps: (page) =>
      page.evaluate(() => {
        const posthog = (window as unknown as { posthog: PosthogHandle }).posthog;
        posthog.identify('user-1', { email: 'one@example.com' }, { first_seen_plan: 'trial' });
        posthog.alias('helpdesk-1');
        posthog.group('company', 'acme');
        posthog.capture('worked');
        posthog.reset();
        posthog.capture('browsed');
        posthog.identify('user-2', { email: 'two@example.com' });
        posthog.capture('worked');
      }),
  },
  {
    name: 'identify with a new id while identified (no reset on logout)',
    expected: ['switch-without-identify'],
    steps: (page) =>
      page.evaluate(() => {
        const posthog = (window as unknown as { posthog: PosthogHandle }).posthog;
        posthog.identify('user-a');
        posthog.capture('as_a');
        posthog.identify('user-b');
        posthog.capture('as_b');
      }),
  },
  {
    name: 'identify with a broken id',
    expected: ['suspicious-identify-id'],
    steps: (page) =>
      page.evaluate(() => {
        const posthog = (window as unknown as { posthog: PosthogHandle }).posthog;
        // posthog-js itself refuses "undefined" and "null"; a stringified object gets through.
        const user = { id: 42 };
        posthog.identify(String(user));
        posthog.capture('after');
      }),
  },
  {
    name: 'an event after reset carrying the old id',
    expected: ['old-id-after-reset'],
    steps: async (page) => {
      await page.evaluate(() => {
        const posthog = (window as unknown as { posthog: PosthogHandle }).posthog;
        posthog.identify('user-a');
        posthog.capture('as_a');
        posthog.reset();
        posthog.capture('anonymous_again');
      });
      // Well after the reset (what was queued before it may rightly carry the old id for a moment).
      await page.waitForTimeout(1_500);
      await page.evaluate(() => (window as unknown as { posthog: PosthogHandle }).posthog.capture('late_with_old_id', { distinct_id: 'user-a' }));
    },
  },
  {
    name: '$set_once trying to change a value',
    expected: ['set-once-conflict'],
    steps: (page) =>
      page.evaluate(() => {
        const posthog = (window as unknown as { posthog: PosthogHandle }).posthog;
        posthog.identify('user-a', {}, { plan_at_signup: 'free' });
        posthog.setPersonProperties(undefined, { plan_at_signup: 'pro' });
      }),
  },
  {
    name: 'a password in person properties',
    expected: ['sensitive-person-property'],
    steps: (page) =>
      page.evaluate(() => {
        const posthog = (window as unknown as { posthog: PosthogHandle }).posthog;
        posthog.identify('user-a', { email: 'a@example.com', password: 'hunter2' });
      }),
  },
  {
    name: 'personless events after identify',
    expected: ['personless-after-identify'],
    steps: (page) =>
      page.evaluate(() => {
        const posthog = (window as unknown as { posthog: PosthogHandle }).posthog;
        posthog.identify('user-a');
        // The SDK sets the flag itself on every event; a site's before_send hook can still turn it off.
        posthog.set_config({
          before_send: (event: { event: string; properties: Record<string, unknown> } | null) => {
            if (event?.event === 'personless') event.properties.$process_person_profile = false;
            return event;
          },
        });
        posthog.capture('personless');
      }),
  },
  {
    // The site moved to memory persistence; an entry from its old configuration lingers in storage.
    name: 'persistence disagreeing with the events',
    expected: ['persistence-mismatch'],
    initOptions: { persistence: 'memory' },
    before: (page) =>
      page.evaluate((token) => {
        localStorage.setItem(`ph_${token}_posthog`, JSON.stringify({ distinct_id: 'user-from-last-year', $user_state: 'identified' }));
      }, SITE_TOKEN),
    steps: async (page) => {
      await page.waitForTimeout(500);
      await page.evaluate(() => (window as unknown as { posthog: PosthogHandle }).posthog.capture('browsing'));
    },
  },
  {
    name: 'two instances with the same token',
    expected: ['duplicate-instance'],
    steps: (page) =>
      page.evaluate((token) => {
        const posthog = (window as unknown as { posthog: PosthogHandle }).posthog;
        posthog.init(token, { api_host: posthog.config.api_host, opt_out_useragent_filter: true, advanced_disable_flags: true, autocapture: false, persistence: 'localStorage' }, 'second');
      }, SITE_TOKEN),
  },
];

for (const mistake of mistakes) {
  test(`QA checks: ${mistake.name} → ${mistake.expected.join(', ') || 'no warning'}`, async () => {
    const site = await startPosthogSite('posthog-js', mistake.initOptions);
    try {
      const page = await extension.context.newPage();
      if (mistake.before) {
        await page.goto(`${site.url}next`);
        await mistake.before(page);
      }
      await page.goto(site.url);
      const tabId = await tabIdOf(extension, site.url);
      await expect.poll(() => site.received.map((event) => event.event), { timeout: 15_000 }).toContain('$pageview');
      await mistake.steps(page);
      // Everything the SDK sent is in the buffer before the view is read.
      await page.waitForTimeout(3_500);
      await expect.poll(async () => (await readTabEvents(extension, tabId)).events.length, { timeout: 15_000 }).toBeGreaterThanOrEqual(site.received.length);
      const person = await PersonPage.open(extension, tabId);
      await expect(person.card()).toBeVisible();
      await expect.poll(() => person.warningKinds(), { timeout: 10_000 }).toEqual(mistake.expected);
      if (mistake.expected.length > 0) await screenshot(person.page, `person-view/warning-${mistake.expected[0]}`);
      await person.page.close();
      await page.close();
    } finally {
      await site.close();
    }
  });
}
