import { expect, type Locator, type Page } from '@playwright/test';
import type { ProjectApi } from '../../../src/project-api/server';

/** An event as the project API's `/events/` endpoint returns it (the fields these tests read). */
export interface StoredEvent {
  event: string;
  distinct_id: string;
  properties: Record<string, unknown>;
  timestamp: string;
  elements_chain: string;
}

export interface StoredPerson {
  distinct_ids: string[];
  properties: Record<string, unknown>;
  is_identified: boolean;
}

export interface EventFilter {
  event?: string;
  distinct_id?: string;
}

/** Reads what the local project API stored, over HTTP with the personal API key, as a client would. */
export class StoredData {
  constructor(private readonly api: Pick<ProjectApi, 'url' | 'projectId' | 'apiKey'>) {}

  private async get<T>(path: string, query: Record<string, string>): Promise<T> {
    const url = new URL(`/api/projects/${this.api.projectId}/${path}/`, this.api.url);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const response = await fetch(url, { headers: { authorization: `Bearer ${this.api.apiKey}` } });
    if (!response.ok) throw new Error(`GET ${url} → ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  async events(filter: EventFilter = {}): Promise<StoredEvent[]> {
    const { results } = await this.get<{ results: StoredEvent[] }>('events', { ...filter, limit: '1000' });
    return results;
  }

  async person(distinctId: string): Promise<StoredPerson | null> {
    const { results } = await this.get<{ results: StoredPerson[] }>('persons', { distinct_id: distinctId });
    return results[0] ?? null;
  }

  /**
   * The first stored event matching `filter` and `predicate`, polled: posthog-js batches events for
   * about 3 s before sending, so the bound has to cover a batch interval and a retry.
   */
  async waitForEvent(filter: EventFilter, predicate: (event: StoredEvent) => boolean = () => true, timeout = 15_000): Promise<StoredEvent> {
    let found: StoredEvent | undefined;
    await expect
      .poll(
        async () => {
          found = (await this.events(filter)).find(predicate);
          return found !== undefined;
        },
        { timeout, intervals: [250], message: `no stored event matching ${JSON.stringify(filter)} and ${predicate.toString()}` },
      )
      .toBe(true);
    return found!;
  }

  /** Polls the person behind `distinctId` until `check` holds for it. */
  async waitForPerson(distinctId: string, check: (person: StoredPerson) => boolean, timeout = 15_000): Promise<StoredPerson> {
    let person: StoredPerson | null = null;
    await expect
      .poll(
        async () => {
          person = await this.person(distinctId);
          return person !== null && check(person);
        },
        { timeout, intervals: [250], message: `person for ${distinctId} never satisfied ${check.toString()}` },
      )
      .toBe(true);
    return person!;
  }
}

interface PostHogHandle {
  get_distinct_id(): string;
  get_property(name: string): unknown;
}

/** The demo site (Ledgerly) as a page object: a UI change here touches this file only. */
export class DemoSitePage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  async open(path = '/'): Promise<void> {
    await this.page.goto(new URL(path, this.baseUrl).href);
    await expect(this.whoamiDistinctId()).not.toBeEmpty();
  }

  pathname(): string {
    return new URL(this.page.url()).pathname;
  }

  /** What posthog-js itself reports, as opposed to what the strip shows. */
  distinctId(): Promise<string> {
    return this.page.evaluate(() => (window as unknown as { posthog: PostHogHandle }).posthog.get_distinct_id());
  }

  userState(): Promise<unknown> {
    return this.page.evaluate(() => (window as unknown as { posthog: PostHogHandle }).posthog.get_property('$user_state'));
  }

  whoamiDistinctId(): Locator {
    return this.page.getByTestId('whoami-distinct-id');
  }

  whoamiState(): Locator {
    return this.page.getByTestId('whoami-state');
  }

  heroCta(): Locator {
    return this.page.locator('[data-attr="hero-start-trial"]');
  }

  navLink(name: string): Locator {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
  }

  /** The landing page's integrations: the same Connect button on each row (`row` from 1). */
  integrationConnect(row: number): Locator {
    return this.page.locator('.integration-list > li').nth(row - 1).getByRole('button', { name: 'Connect' });
  }

  choosePlanButtons(): Locator {
    return this.page.getByRole('button', { name: 'Choose plan' });
  }

  async signUp(user: { name: string; email: string; password: string; company: string }): Promise<void> {
    await this.page.getByLabel('Full name').fill(user.name);
    await this.page.getByLabel('Work email').fill(user.email);
    await this.page.getByLabel('Password').fill(user.password);
    await this.page.getByLabel('Company').fill(user.company);
    await this.page.getByRole('checkbox', { name: /I agree/ }).check();
    await this.page.getByRole('button', { name: 'Create account' }).click();
    await this.page.waitForURL('**/app/invoices');
  }

  async logIn(email: string, password: string): Promise<void> {
    await this.page.getByLabel('Email').fill(email);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Log in', exact: true }).click();
    await this.page.waitForURL('**/app/invoices');
  }

  async logOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Log out' }).click();
    await this.page.waitForURL((url) => url.pathname === '/');
  }

  async switchWorkspace(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Switch workspace' }).click();
    await this.page.getByRole('menuitem', { name }).click();
  }

  sidebarLink(name: string): Locator {
    return this.page.getByRole('navigation', { name: 'App' }).getByRole('link', { name });
  }

  invoiceRow(number: string): Locator {
    return this.page.getByRole('row').filter({ hasText: number });
  }

  payoutAccount(): Locator {
    return this.page.getByTestId('payout-account');
  }

  syncNow(): Locator {
    return this.page.locator('[data-attr="sync-now"]');
  }

  async linkAccount(): Promise<string> {
    await this.page.getByRole('button', { name: 'Link account' }).click();
    return (await this.page.getByTestId('linked-as').textContent()) ?? '';
  }
}
