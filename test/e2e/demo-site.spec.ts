import { chromium, expect, test, type Browser } from '@playwright/test';
import { userIdForEmail } from '../../src/demo-site/app/userId';
import { chromiumArgs, chromiumPath } from './support/chromium';
import { DemoSitePage, StoredData, type StoredEvent } from './support/demoSite';
import { screenshot } from './support/screenshots';
import { startStack, type Stack } from './support/stack';

/**
 * The demo site with the real posthog-js, sending to the real local project API: one visitor's
 * journey from anonymous landing to sign-up, group, alias, rage click, logout and login again,
 * checked on what the API stored. The tests share one page and run in order.
 */

test.describe.configure({ mode: 'serial' });

const user = { name: 'Ada Lovelace', email: 'ada.lovelace@example.com', password: 'correct horse battery', company: 'Analytical Engines' };
const userId = userIdForEmail(user.email);

let stack: Stack;
let browser: Browser;
let site: DemoSitePage;
let stored: StoredData;
/** The anonymous id posthog-js gave the visitor on the first page load. */
let firstAnonId: string;

/** The elements of an `elements_chain`, clicked element first (`;` separated, as PostHog writes it). */
function chainElements(chain: string): string[] {
  return chain.split(';');
}

const pathOf = (event: StoredEvent) => new URL(String(event.properties['$current_url'])).pathname;

test.beforeAll(async () => {
  stack = await startStack();
  stored = new StoredData(stack.api);
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: chromiumArgs() });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  site = new DemoSitePage(await context.newPage(), stack.demo.url);
});

test.afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

test('the landing page sends its $pageview to the project API, anonymously', async () => {
  await site.open('/');
  firstAnonId = await site.distinctId();
  await expect(site.whoamiDistinctId()).toHaveText(firstAnonId);
  await expect(site.whoamiState()).toHaveText('anonymous');

  const pageview = await stored.waitForEvent({ event: '$pageview', distinct_id: firstAnonId });
  expect(pathOf(pageview)).toBe('/');
  expect(pageview.properties['token']).toBe(stack.api.projectToken);
  // person_profiles: 'identified_only' — no person is processed until identify.
  expect(pageview.properties['$process_person_profile']).toBe(false);
  await screenshot(site.page, 'demo-site/landing');
});

test('a CTA click arrives as $autocapture with its elements chain', async () => {
  await site.heroCta().click();
  await expect(site.page).toHaveURL(/\/signup$/);

  const click = await stored.waitForEvent({ event: '$autocapture', distinct_id: firstAnonId }, (event) =>
    event.elements_chain.includes('attr__data-attr="hero-start-trial"'),
  );
  expect(click.properties['$event_type']).toBe('click');
  // The SDK sends the chain as a string (remote config: elementsChainAsString); the API keeps it as is.
  expect(click.properties['$elements_chain']).toBe(click.elements_chain);
  const [clicked] = chainElements(click.elements_chain);
  expect(clicked).toMatch(/^button\.[^:]*css-1x2y3z/);
  expect(clicked).toContain('text="Start free trial"');
});

test('a pushState route change sends a $pageview for the new path', async () => {
  await site.navLink('Pricing').click();
  await expect(site.page).toHaveURL(/\/pricing$/);
  await expect(site.choosePlanButtons()).toHaveCount(3);

  const pageview = await stored.waitForEvent({ event: '$pageview', distinct_id: firstAnonId }, (event) => pathOf(event) === '/pricing');
  expect(pageview.properties['$pathname']).toBe('/pricing');
  await screenshot(site.page, 'demo-site/pricing');
});

test('one of three identical "Choose plan" buttons is told apart by its card\'s position in the chain', async () => {
  await site.choosePlanButtons().nth(2).click();
  await expect(site.page).toHaveURL(/\/signup\?plan=scale$/);

  const click = await stored.waitForEvent({ event: '$autocapture', distinct_id: firstAnonId }, (event) =>
    event.elements_chain.startsWith('button') && event.elements_chain.includes('text="Choose plan"'),
  );
  const [button, card] = chainElements(click.elements_chain);
  expect(button).not.toContain('data-attr');
  expect(card).toMatch(/^div\.[^:]*plan-card/);
  expect(card).toContain('nth-child="3"');
});

test('signing up identifies the visitor: $identify carries the anonymous id, the person gets the email', async () => {
  await site.signUp(user);
  await expect(site.whoamiDistinctId()).toHaveText(userId);
  await expect(site.whoamiState()).toHaveText('identified');

  const identify = await stored.waitForEvent({ event: '$identify', distinct_id: userId });
  expect(identify.properties['$anon_distinct_id']).toBe(firstAnonId);

  // The form's submit is batched; once it is stored, so are the field clicks before it. The
  // password field is type=password: autocapture sends no input values at all, and none of it.
  await stored.waitForEvent({ event: '$autocapture', distinct_id: firstAnonId }, (event) => event.properties['$event_type'] === 'submit');
  expect(JSON.stringify(await stored.events())).not.toContain(user.password);

  const person = await stored.waitForPerson(userId, (candidate) => candidate.is_identified);
  expect(person.properties).toMatchObject({ email: user.email, name: user.name, plan: 'scale', company: user.company });
  expect(person.properties['first_login_at']).toEqual(expect.any(String));
  expect(person.distinct_ids).toEqual(expect.arrayContaining([userId, firstAnonId]));

  // The app is reached by pushState, so its $pageview already belongs to the identified user.
  await stored.waitForEvent({ event: '$pageview', distinct_id: userId }, (event) => pathOf(event) === '/app/invoices');
  await screenshot(site.page, 'demo-site/app-invoices');
});

test('a click inside a ph-no-capture section sends nothing', async () => {
  const payout = site.payoutAccount();
  await expect(payout).toHaveClass(/ph-no-capture/);
  await payout.getByRole('button', { name: 'Reveal IBAN' }).click();
  await expect(payout).toContainText('DE89 3704 0044 0532 0130 00');

  // A capturable click after it: once that one is stored, the earlier one would have been too.
  await site.invoiceRow('INV-2050').getByRole('button', { name: 'Open' }).click();
  await expect(site.page.getByRole('dialog', { name: 'Invoice INV-2050' })).toBeVisible();
  const open = await stored.waitForEvent({ event: '$autocapture', distinct_id: userId }, (event) =>
    event.elements_chain.startsWith('button') && event.elements_chain.includes('text="Open"'),
  );
  expect(open.elements_chain).toContain('attr__data-row-key="inv_2050"');

  const leaked = (await stored.events()).filter((event) => /reveal-iban|Reveal IBAN|payout-account/.test(JSON.stringify(event)));
  expect(leaked).toEqual([]);
  await site.page.getByRole('button', { name: 'Close' }).click();
});

test('switching workspace sends $groupidentify for the company group', async () => {
  await site.switchWorkspace('Globex Corporation');
  await expect(site.page.getByTestId('whoami-company')).toHaveText('globex');

  const group = await stored.waitForEvent({ event: '$groupidentify', distinct_id: userId }, (event) => event.properties['$group_key'] === 'globex');
  expect(group.properties['$group_type']).toBe('company');
  expect(group.properties['$group_set']).toMatchObject({ name: 'Globex Corporation' });
});

test('linking an account sends $create_alias and the alias resolves to the same person', async () => {
  await site.sidebarLink('Settings').click();
  await expect(site.page).toHaveURL(/\/app\/settings$/);
  const alias = await site.linkAccount();
  expect(alias).toMatch(/^helpdesk_[0-9a-f]{8}$/);

  const event = await stored.waitForEvent({ event: '$create_alias', distinct_id: userId });
  expect(event.properties['alias']).toBe(alias);
  const person = await stored.waitForPerson(alias, (candidate) => candidate.distinct_ids.includes(userId));
  expect(person.properties['email']).toBe(user.email);
  await screenshot(site.page, 'demo-site/settings');
});

test('rage-clicking a button that does nothing sends $rageclick and a $dead_click', async () => {
  await site.sidebarLink('Invoices').click();
  await expect(site.page).toHaveURL(/\/app\/invoices$/);
  for (let i = 0; i < 3; i++) await site.syncNow().click();

  const isSyncNow = (event: StoredEvent) => event.elements_chain.includes('attr__data-attr="sync-now"');
  await stored.waitForEvent({ event: '$rageclick', distinct_id: userId }, isSyncNow);
  // Dead clicks wait 2.5 s for a DOM change that never comes, then join the next batch.
  await stored.waitForEvent({ event: '$dead_click', distinct_id: userId }, isSyncNow, 20_000);
});

let secondAnonId: string;

test('logging out resets posthog-js to a new anonymous distinct id', async () => {
  await site.logOut();
  await expect(site.whoamiState()).toHaveText('anonymous');
  secondAnonId = await site.distinctId();
  expect(secondAnonId).not.toBe(userId);
  expect(secondAnonId).not.toBe(firstAnonId);
  expect(await site.userState()).toBe('anonymous');
  await expect(site.whoamiDistinctId()).toHaveText(secondAnonId);

  await stored.waitForEvent({ event: '$pageview', distinct_id: secondAnonId }, (event) => pathOf(event) === '/');
});

test('logging in again identifies the new anonymous id as the same person', async () => {
  await site.page.getByRole('link', { name: 'Log in' }).click();
  await site.logIn(user.email, user.password);
  await expect(site.whoamiDistinctId()).toHaveText(userId);
  await expect(site.whoamiState()).toHaveText('identified');

  await stored.waitForEvent({ event: '$identify', distinct_id: userId }, (event) => event.properties['$anon_distinct_id'] === secondAnonId);
  const person = await stored.waitForPerson(userId, (candidate) => candidate.distinct_ids.includes(secondAnonId));
  expect(person.distinct_ids).toEqual(expect.arrayContaining([userId, firstAnonId, secondAnonId]));
  await screenshot(site.page, 'demo-site/logged-in');
});
