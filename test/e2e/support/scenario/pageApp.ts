/**
 * The scenario page's own script: a small single-page app instrumented with real posthog-js, bundled
 * once per SDK version (see scenarioSite.ts). Its configuration — tokens, hosts, init options, ids —
 * comes from a JSON block in the page, so one bundle serves every configuration of a version.
 *
 * Runs in the browser; nothing here may import Node modules.
 */

/** The part of posthog-js (1.130 to 1.449) the scenario uses. */
export interface PosthogLike {
  init(token: string, config: Record<string, unknown>, name?: string): PosthogLike | undefined;
  capture(event: string, properties?: Record<string, unknown>): unknown;
  identify(distinctId: string, set?: Record<string, unknown>, setOnce?: Record<string, unknown>): void;
  alias(alias: string): unknown;
  group(type: string, key: string, properties?: Record<string, unknown>): void;
  reset(): void;
  get_distinct_id(): string;
  /** Present in every version used here; true once the remote config has switched autocapture on. */
  autocapture?: { isEnabled?: boolean };
}

export interface ScenarioInstanceConfig {
  token: string;
  /** posthog-js instance name; the first instance is the default one (`posthog`). */
  name: string;
  userId: string;
  aliasId: string;
  groupKey: string;
  /** `posthog.init` options, as the configuration under test sets them. */
  options: Record<string, unknown>;
  /**
   * The SDK captures a `$pageview` on `history.pushState` itself (`capture_pageview:
   * 'history_change'`); otherwise the app captures it, as SPAs do on 1.130, or for a second
   * instance: posthog-js wraps `history.pushState` once per window (`__posthog_wrapped__`), so only
   * the first instance sees route changes.
   */
  capturesHistoryPageviews: boolean;
}

export interface ScenarioPageConfig {
  title: string;
  /** The page's own path, e.g. `/p/1.449.2/default`; the SPA route is `<basePath>/settings`. */
  basePath: string;
  instances: ScenarioInstanceConfig[];
}

/** What the test reads from the page (`window.__scenario`). */
export interface ScenarioPageState {
  /** Per instance, every distinct id it has used, in order (anonymous, identified, after reset). */
  distinctIds: string[][];
  /** True when every instance has autocapture switched on (the remote config has been applied). */
  autocaptureReady(): boolean;
}

declare global {
  interface Window {
    __scenario?: ScenarioPageState;
  }
}

export const SCENARIO_CONFIG_ELEMENT_ID = 'scenario-config';

export function startScenarioApp(posthog: PosthogLike): void {
  const element = document.getElementById(SCENARIO_CONFIG_ELEMENT_ID);
  const config = JSON.parse(element?.textContent ?? 'null') as ScenarioPageConfig | null;
  if (!config) throw new Error('scenario page without its configuration');

  // Every scenario page is a first-time visitor: posthog-js persists ids per origin and token, and
  // all scenario pages share one origin.
  localStorage.clear();
  sessionStorage.clear();

  const instances: PosthogLike[] = [];
  const state: ScenarioPageState = {
    distinctIds: config.instances.map(() => []),
    autocaptureReady: () => instances.length === config.instances.length && instances.every((sdk) => sdk.autocapture?.isEnabled === true),
  };
  window.__scenario = state;

  const remember = () => {
    instances.forEach((sdk, index) => {
      const ids = state.distinctIds[index]!;
      const id = sdk.get_distinct_id();
      if (id && ids[ids.length - 1] !== id) ids.push(id);
    });
  };
  config.instances.forEach((instance, index) => {
    if (index === 0) {
      // The default instance is the imported object itself (1.130's init returns nothing for it).
      posthog.init(instance.token, instance.options);
      instances.push(posthog);
      return;
    }
    const named = posthog.init(instance.token, instance.options, instance.name);
    if (!named) throw new Error(`posthog.init returned no instance named ${instance.name}`);
    instances.push(named);
  });
  remember();

  const each = (action: (sdk: PosthogLike, instance: ScenarioInstanceConfig) => void) => () => {
    instances.forEach((sdk, index) => action(sdk, config.instances[index]!));
    remember();
  };
  const on = (id: string, type: string, handler: (event: Event) => void) => {
    const target = document.getElementById(id);
    if (!target) throw new Error(`scenario page has no #${id}`);
    target.addEventListener(type, handler);
  };
  const status = (text: string) => {
    const line = document.getElementById('status');
    if (line) line.textContent = text;
  };

  on('buy', 'click', each((sdk) => sdk.capture('plan selected', { plan: 'team', seats: 5 })));
  on('signup', 'submit', (event) => {
    event.preventDefault();
    status('Signed up');
  });
  on(
    'login',
    'click',
    each((sdk, instance) => {
      sdk.identify(instance.userId, { email: `${instance.userId}@example.test`, plan: 'team' }, { first_login: 'scenario' });
      status(`Logged in as ${instance.userId}`);
    }),
  );
  on('alias', 'click', each((sdk, instance) => sdk.alias(instance.aliasId)));
  on('join-company', 'click', each((sdk, instance) => sdk.group('company', instance.groupKey, { name: 'Scenario Inc' })));
  on('to-settings', 'click', () => {
    history.pushState({}, '', `${config.basePath}/settings`);
    document.getElementById('route')!.textContent = 'Settings';
    each((sdk, instance) => {
      if (!instance.capturesHistoryPageviews) sdk.capture('$pageview');
    })();
  });
  on(
    'logout',
    'click',
    each((sdk) => {
      sdk.reset();
      status('Logged out');
    }),
  );
}
