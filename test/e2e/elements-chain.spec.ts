import { type Browser, chromium, expect, type Frame, type Page, test } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './support/chromium';
import { type CaseResult, expectApiStoredChains, expectCaseAgrees, ingestedSdkChains, readCaseFacts, readCaseRecords, resetCaseRecords, type Sdk, SDKS } from './support/elementsChainCase';
import { ELEMENTS_CASES, type ElementsCase } from './support/elementsChainPage';
import { type ElementsChainSite, startElementsChainSite } from './support/elementsChainSite';

/**
 * The real comparison: real clicks, changes and submits in Chromium on a page running real
 * posthog-js, against `core/elements` bundled into the same page. For every DOM event the SDK
 * either sends `$autocapture` or not; `autocaptureVerdict` must say the same, and
 * `elementsChainFor` must give the SDK's `$elements_chain` string for string — and the chain the
 * local project API stored must be that string too.
 *
 * The target is the newest SDK (1.449.2). 1.300 and 1.130 run the same cases: their chains agree
 * on everything here except where the newest SDK changed its rules (VERSION_DIFFERENCES in
 * support/elementsChainCase.ts).
 */

async function resetRecords(frame: Frame): Promise<void> {
  await frame.evaluate(resetCaseRecords);
}

async function act(frame: Frame, testCase: ElementsCase): Promise<void> {
  const locator = frame.locator(testCase.selector);
  switch (testCase.action) {
    case 'click':
      return locator.click();
    case 'force-click':
      return locator.click({ force: true });
    case 'fill':
      await locator.fill('typed by the test');
      return locator.press('Tab'); // blur: the `change`
    case 'check':
      return locator.check();
    case 'select':
      await locator.selectOption('fr');
  }
}

async function runCase(page: Page, testCase: ElementsCase): Promise<{ result: CaseResult; topEventsFromFrame: number }> {
  const top = page.mainFrame();
  const frame = testCase.frame ? page.frames().find((f) => new URL(f.url()).pathname.endsWith('/frame')) : top;
  if (!frame) throw new Error('the iframe is not loaded');
  await resetRecords(top);
  if (frame !== top) await resetRecords(frame);
  await act(frame, testCase);
  // The SDK captures inside its own listener; one task later everything for this action is recorded.
  await frame.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
  const facts = await frame.locator(testCase.selector).evaluate(readCaseFacts);
  const result = await frame.evaluate(readCaseRecords);
  const topEventsFromFrame = frame === top ? 0 : await top.evaluate(() => window.__sdkEvents.filter((event) => event.event === '$autocapture').length);
  return { result: { ...result, ...facts }, topEventsFromFrame };
}

async function autocaptureReady(frame: Frame): Promise<void> {
  await frame.waitForFunction(() => (window as unknown as { posthog?: { autocapture?: { isEnabled?: boolean } } }).posthog?.autocapture?.isEnabled === true, null, {
    timeout: 15_000,
  });
}

let site: ElementsChainSite;
let browser: Browser;

test.beforeAll(async () => {
  site = await startElementsChainSite(SDKS);
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs() });
});

test.afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/**
 * What reaches the SDK decides whether it sends `$elements_chain`, `$elements` or both, so every
 * SDK runs three ways: with the local project API's remote config (`elementsChainAsString: true`),
 * with that flag turned off in the config the page receives (what a project without it gets), and
 * with `advanced_disable_flags` — in 1.449.2 that means no remote config at all, and then it sends
 * both. Whatever arrives, the chain the project API stores (the string, else the one built from
 * `$elements`) must be ours; PAYLOADS records what each version sent.
 */
const VARIANTS = [
  { id: 'config', name: 'remote config with elementsChainAsString', remoteConfig: true, chainAsString: true },
  { id: 'no-chain-flag', name: 'remote config without elementsChainAsString', remoteConfig: true, chainAsString: false },
  { id: 'no-flags', name: 'advanced_disable_flags', remoteConfig: false, chainAsString: true },
] as const;
type Payload = 'chain' | 'elements' | 'both';
/** Observed: 1.130 sends the string only when told to, `$elements` otherwise; newer versions always send the string. */
const PAYLOADS: Record<Sdk, Record<(typeof VARIANTS)[number]['id'], Payload>> = {
  'posthog-js': { config: 'chain', 'no-chain-flag': 'both', 'no-flags': 'both' },
  'posthog-js-1-300': { config: 'chain', 'no-chain-flag': 'both', 'no-flags': 'both' },
  'posthog-js-1-130': { config: 'chain', 'no-chain-flag': 'elements', 'no-flags': 'chain' },
};

function payloadOf(result: CaseResult): Payload | undefined {
  const withChain = result.sdk.filter(([, chain]) => chain !== null).length;
  const withElements = result.sdkElements.filter((elements) => elements !== null).length;
  if (result.sdk.length === 0) return undefined;
  if (withChain === result.sdk.length && withElements === result.sdk.length) return 'both';
  if (withChain === result.sdk.length && withElements === 0) return 'chain';
  if (withChain === 0 && withElements === result.sdk.length) return 'elements';
  throw new Error(`mixed payloads: ${JSON.stringify(result.sdk)}`);
}

/** Serves the page's remote config (decide, flags or config[.js]) with `elementsChainAsString` off. */
async function withoutChainAsString(page: Page): Promise<void> {
  await page.route(
    (url) => url.href.startsWith(site.api.url) && /\/(decide|flags|config)/.test(url.pathname),
    async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(/"elementsChainAsString":\s*true/g, '"elementsChainAsString":false');
      await route.fulfill({ response, body });
    },
  );
}

for (const sdk of SDKS) for (const variant of VARIANTS) {
  test.describe(`${sdk}, ${variant.name}: elementsChainFor and isAutocapturable agree with the SDK`, () => {
    let page: Page;
    const sentChains: string[] = [];

    test.beforeAll(async () => {
      page = await browser.newPage({ viewport: { width: 1000, height: 2400 } });
      if (!variant.chainAsString) await withoutChainAsString(page);
      await page.goto(site.pageUrl(sdk, { remoteConfig: variant.remoteConfig }));
      await autocaptureReady(page.mainFrame());
      const frame = page.frames().find((f) => new URL(f.url()).pathname.endsWith('/frame'));
      if (!frame) throw new Error('the iframe is not loaded');
      await autocaptureReady(frame);
    });

    test.afterAll(async () => {
      await page?.close();
    });

    for (const testCase of ELEMENTS_CASES) {
      const name = `${testCase.action} ${testCase.frame ? 'in the iframe ' : ''}${testCase.selector}`;
      test(name, async () => {
        const { result, topEventsFromFrame } = await runCase(page, testCase);
        sentChains.push(...ingestedSdkChains(result).map(([, chain]) => chain));
        expectCaseAgrees(sdk, testCase, name, result, topEventsFromFrame);
        const payload = payloadOf(result);
        if (payload) expect(payload, `${name}: what the SDK sent`).toBe(PAYLOADS[sdk][variant.id]);
      });
    }

    test('the project API stored the very chains the SDK sent', async () => {
      await expectApiStoredChains(site.api, page, sentChains);
    });
  });
}

test.describe('findCandidates in Chromium', () => {
  test('one pass gives exactly the elements isCandidate accepts, deep into shadow roots and the iframe; the index gives the same chains', async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 2400 } });
    try {
      await page.goto(site.pageUrl('posthog-js'));
      await page.waitForFunction(() => (document.getElementById('frame') as HTMLIFrameElement | null)?.contentDocument?.getElementById('frame-button') != null);
      const { found, accepted, visible, chainMismatches } = await page.evaluate(() => {
        const { CandidateIndex, elementsChainFor, findCandidates, isCandidate } = window.__elements;
        const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}`;
        const all: Element[] = [];
        const collect = (root: Document | ShadowRoot) => {
          for (const el of root.querySelectorAll(root.nodeType === 9 ? 'body *' : '*')) {
            all.push(el);
            if (el.shadowRoot) collect(el.shadowRoot);
            if (el instanceof HTMLIFrameElement && el.contentDocument) collect(el.contentDocument);
          }
        };
        collect(document);
        const candidates = findCandidates(document);
        const index = CandidateIndex.build(document);
        return {
          // The index shares ancestors' chain pieces between chains: the strings must not change.
          chainMismatches: all.filter((el) => index.chainOf(el) !== elementsChainFor(el)).map(describe),
          found: candidates.map(describe).sort(),
          accepted: all.filter((el) => isCandidate(el)).map(describe).sort(),
          visible: findCandidates(document, { renderedOnly: true }).map(describe),
        };
      });
      expect(found).toEqual(accepted);
      expect(chainMismatches).toEqual([]);
      expect(found).toEqual(expect.arrayContaining(['button#shadow-button', 'div#shadow-card', 'button#frame-button', 'div#card', 'span#card-plain-span', 'form#signup']));
      expect(found).not.toEqual(expect.arrayContaining(['p#card-body']));
      expect(found.filter((id) => ['button#disabled', 'input#token', 'button#no-capture-button', 'a#no-autocapture-link', 'div#plain-div'].includes(id))).toEqual([]);
      expect(visible).not.toContain('input#token');
      expect(visible).toContain('button#buy');
    } finally {
      await page.close();
    }
  });
});
