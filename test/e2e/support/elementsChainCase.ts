import { expect } from '@playwright/test';
import { parseElementsChain, sdkElementsToChain, type SdkElement } from '../../../src/core/elements/elementsChain';
import { elementsChainOf } from '../../../src/project-api/ingest';
import type { ProjectApi } from '../../../src/project-api/server';
import type { ElementsCase } from './elementsChainPage';
import type { RecordedSdkEvent } from './elementsChainSite';
import { apiEventsOf } from './scenario/projectEvents';

/**
 * One case of the chain comparison, browser-independent: what the page recorded for an action,
 * read by a function that runs in the page (Playwright and puppeteer both evaluate it), and the
 * assertions that `core/elements` agrees with the SDK.
 */

export const SDKS = ['posthog-js', 'posthog-js-1-300', 'posthog-js-1-130'] as const;
export type Sdk = (typeof SDKS)[number];

/**
 * Cases where an older SDK records something else than 1.449.2, which `core/elements` mirrors.
 * Observed by this test; the reason names the SDK change.
 */
const SVG_ICON = 'before browser-common, a click on an SVG inside a button or link was recorded on the SVG element itself, not re-attributed to the control';
const IGNORE_LIST = 'before browser-common there was no default css_selector_ignorelist: .ph-no-autocapture and [data-ph-no-autocapture] were captured';
const OLDER_SDK_DIFFERENCES: Record<string, string> = {
  '#buy-icon': SVG_ICON,
  '#icon-only': SVG_ICON,
  '#svg-link': SVG_ICON,
  '#svg-text': SVG_ICON,
  '#no-autocapture-link': IGNORE_LIST,
  '#data-no-autocapture': IGNORE_LIST,
};
/** Only in 1.130's own chain string: when it sends `$elements` instead, ingestion writes the chain and escapes. */
const QUOTES_UNESCAPED = '1.130 wrote `"` inside values unescaped, so its chain does not even parse back into the same elements';
const VERSION_DIFFERENCES: Partial<Record<Sdk, Record<string, string>>> = {
  'posthog-js-1-300': OLDER_SDK_DIFFERENCES,
  'posthog-js-1-130': {
    ...OLDER_SDK_DIFFERENCES,
    '#quotes': QUOTES_UNESCAPED,
  },
};

/**
 * posthog-js 1.130 writes each element's `key="value"` pairs in insertion order (text, nth-child,
 * nth-of-type, href, attr_id, then the attributes in DOM order); sorting them came later. The
 * server reads either the same (PostHog parses the pairs, and its selector regexes allow any
 * order), so for 1.130 chains are compared element by element with the pairs as a set.
 */
const UNSORTED_ATTRIBUTES: ReadonlySet<Sdk> = new Set(['posthog-js-1-130']);

function comparable(sdk: Sdk, pairs: [string, string][]): unknown {
  if (!UNSORTED_ATTRIBUTES.has(sdk)) return pairs;
  return pairs.map(([type, chain]) => [type, parseElementsChain(chain)]);
}

export interface CaseResult {
  /** Per DOM event our verdict captures: `[type, chain]`, as `elementsChainFor` gives it. */
  ours: [string, string][];
  /** Per `$autocapture` the SDK sent: `[$event_type, $elements_chain]` (null when it sent none). */
  sdk: [string, string | null][];
  /** Per `$autocapture`: its `$elements`, null when it sent none. */
  sdkElements: unknown[];
  /** `autocaptureVerdict(…).eventTypes` of the element the case names. */
  caseEventTypes: string[];
  /** Where the browser dispatched the action's clicks: on the named element, elsewhere (a child at its centre), or nowhere. */
  clicked: 'itself' | 'elsewhere' | 'nowhere';
  domEvents: string[];
}

declare global {
  interface Window {
    __elements: typeof import('../../../src/core/elements');
    __sdkEvents: RecordedSdkEvent[];
    __domEvents: { type: 'click' | 'change' | 'submit'; target: EventTarget }[];
  }
}

/** Clears what the page recorded (run in the page). */
export function resetCaseRecords(): void {
  window.__sdkEvents.length = 0;
  window.__domEvents.length = 0;
}

/** The named element's verdict and whether the clicks went to it (run in the page, on that element). */
export function readCaseFacts(el: Element): Pick<CaseResult, 'caseEventTypes' | 'clicked'> {
  const clicks = window.__domEvents.filter((event) => event.type === 'click');
  return {
    caseEventTypes: window.__elements.autocaptureVerdict(el).eventTypes,
    clicked: clicks.length === 0 ? 'nowhere' : clicks.some((event) => event.target === el) ? 'itself' : 'elsewhere',
  };
}

/** What the page recorded since the last reset, and our verdicts and chains for the same DOM events (run in the page). */
export function readCaseRecords(): Omit<CaseResult, 'caseEventTypes' | 'clicked'> {
  const { autocaptureVerdict, elementsChainFor } = window.__elements;
  const ours: [string, string][] = [];
  for (const { type, target } of window.__domEvents) {
    const el = target as Element;
    if (el.nodeType === 1 && autocaptureVerdict(el).eventTypes.includes(type)) ours.push([type, elementsChainFor(el, type)]);
  }
  const autocaptured = window.__sdkEvents.filter((event) => event.event === '$autocapture');
  return {
    ours,
    sdk: autocaptured.map((event) => [String(event.eventType), typeof event.chain === 'string' ? event.chain : null]),
    sdkElements: autocaptured.map((event) => event.elements ?? null),
    domEvents: window.__domEvents.map(({ type, target }) => `${type} on ${(target as Element).tagName ?? '?'}${(target as Element).id ? `#${(target as Element).id}` : ''}`),
  };
}

/**
 * Per `$autocapture`: `[$event_type, elements_chain]` as the project API stores it — the chain the
 * SDK sent, or (1.130 with `elementsChainAsString` off sends none) the one built from `$elements`.
 */
export function ingestedSdkChains(result: CaseResult): [string, string][] {
  return result.sdk.map(([type, chain], index) => [type, elementsChainOf({ $elements_chain: chain, $elements: result.sdkElements[index] })]);
}

export function expectCaseAgrees(sdk: Sdk, testCase: ElementsCase, name: string, result: CaseResult, topEventsFromFrame: number): void {
  const context = `${name}: DOM events ${JSON.stringify(result.domEvents)}`;
  const ingested = ingestedSdkChains(result);
  const chainSent = result.sdk.some(([, chain]) => chain !== null);
  const known = VERSION_DIFFERENCES[sdk]?.[testCase.selector];
  const difference = known === QUOTES_UNESCAPED && !chainSent ? undefined : known;
  if (difference) {
    expect(comparable(sdk, result.ours), `${context} (known difference: ${difference})`).not.toEqual(comparable(sdk, ingested));
    return;
  }
  expect(comparable(sdk, result.ours), context).toEqual(comparable(sdk, ingested));
  result.sdkElements.forEach((elements, index) => {
    // The chain ingestion would build from `$elements` is ours too (for 1.130 as well, whose own
    // chain string is unsorted).
    if (elements !== null) expect(sdkElementsToChain(elements as SdkElement[]), `${context}: chain from $elements`).toBe(result.ours[index]?.[1]);
  });
  if ((testCase.action === 'click' || testCase.action === 'force-click') && result.clicked !== 'elsewhere') {
    // A click the browser gave the named element is captured exactly when its verdict says so; a
    // click the browser swallowed (a disabled control) must have a verdict that says "not
    // captured". (When a child at its centre got the click, that child's verdict was checked
    // above. `captured` of a form means its submit: see #signup-submit.)
    expect(result.caseEventTypes.includes('click'), `${context}: verdict ${JSON.stringify(result.caseEventTypes)}`).toBe(
      result.sdk.some(([type]) => type === 'click'),
    );
  }
  // The page's own SDK never sees clicks inside an iframe; the iframe's SDK records them.
  expect(topEventsFromFrame, context).toBe(0);
}

/** Something with frames that evaluate a function: a Playwright or a puppeteer page. */
interface FramedPage {
  frames(): Array<{ evaluate<T>(fn: () => T): Promise<T> }>;
}

/** The project API stored, as `elements_chain`, exactly the chains the SDK sent from every frame of the page. */
export async function expectApiStoredChains(api: ProjectApi, page: FramedPage, sentChains: readonly string[]): Promise<void> {
  const ids = await Promise.all(page.frames().map((frame) => frame.evaluate(() => (window as unknown as { posthog: { get_distinct_id(): string } }).posthog.get_distinct_id())));
  const storedAutocaptures = async () => (await apiEventsOf(api, ids)).filter((event) => event.event === '$autocapture');
  await expect.poll(async () => (await storedAutocaptures()).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(sentChains.length);
  const stored = (await storedAutocaptures()).map((event) => event.elements_chain);
  expect(stored.sort()).toEqual([...sentChains].sort());
}
