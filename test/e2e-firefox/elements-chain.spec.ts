import { test } from '@playwright/test';
import puppeteer, { type Browser, type ElementHandle, type Frame, type Page } from 'puppeteer-core';
import { type CaseResult, expectApiStoredChains, expectCaseAgrees, ingestedSdkChains, readCaseFacts, readCaseRecords, resetCaseRecords, type Sdk } from '../e2e/support/elementsChainCase';
import { ELEMENTS_CASES, type ElementsCase } from '../e2e/support/elementsChainPage';
import { type ElementsChainSite, startElementsChainSite } from '../e2e/support/elementsChainSite';
import { firefoxPath } from './support/firefox';

/**
 * The chain comparison of test/e2e/elements-chain.spec.ts in Firefox ESR (no extension needed):
 * the same page, the same cases, real mouse and keyboard input over WebDriver BiDi, posthog-js
 * 1.449.2 against `core/elements` in the same page. Browsers differ in which element a click
 * lands on and which events they dispatch (disabled controls, label activation); the chains of
 * what they dispatch must still be the SDK's.
 */

const SDK: Sdk = 'posthog-js';

let site: ElementsChainSite;
let browser: Browser;
let page: Page;
const sentChains: string[] = [];

test.describe.configure({ mode: 'serial' });

async function frameOf(testCase: ElementsCase): Promise<Frame> {
  if (!testCase.frame) return page.mainFrame();
  const frame = page.frames().find((f) => new URL(f.url()).pathname.endsWith('/frame'));
  if (!frame) throw new Error('the iframe is not loaded');
  return frame;
}

/** The element a selector names, looked up through open shadow roots as Playwright's CSS engine does. */
async function elementFor(frame: Frame, selector: string): Promise<ElementHandle<Element>> {
  const handle = await frame.evaluateHandle((wanted: string) => {
    const find = (root: Document | ShadowRoot): Element | null => {
      const direct = root.querySelector(wanted);
      if (direct) return direct;
      for (const el of root.querySelectorAll('*')) {
        const inner = el.shadowRoot && find(el.shadowRoot);
        if (inner) return inner;
      }
      return null;
    };
    return find(document);
  }, selector);
  const element = handle.asElement() as ElementHandle<Element> | null;
  if (!element) throw new Error(`nothing matches ${selector}`);
  return element;
}

/**
 * A click in the iframe, at the point a user would click: puppeteer's own `click()` there asks BiDi
 * to locate the frame's element (`browsingContext.locateNodes` with a `context` locator), which
 * Firefox ESR 140.12 rejects.
 */
async function clickInFrame(frame: Frame, element: ElementHandle<Element>): Promise<void> {
  const inFrame = await element.evaluate((el) => {
    el.scrollIntoView({ block: 'center' });
    const box = el.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  });
  const frameUrl = frame.url();
  const origin = await page.mainFrame().evaluate((url: string) => {
    const iframe = [...document.querySelectorAll('iframe')].find((candidate) => candidate.src === url);
    if (!iframe) return null;
    const box = iframe.getBoundingClientRect();
    return { x: box.left + iframe.clientLeft, y: box.top + iframe.clientTop };
  }, frameUrl);
  if (!origin) throw new Error(`no iframe shows ${frameUrl}`);
  await page.mouse.click(origin.x + inFrame.x, origin.y + inFrame.y);
}

async function act(frame: Frame, testCase: ElementsCase): Promise<void> {
  const element = await elementFor(frame, testCase.selector);
  if (frame !== page.mainFrame() && testCase.action === 'click') return clickInFrame(frame, element);
  switch (testCase.action) {
    case 'click':
    case 'force-click':
    case 'check':
      return element.click();
    case 'fill':
      await element.click({ count: 3 });
      await element.type('typed by the test');
      return page.keyboard.press('Tab'); // blur: the `change`
    case 'select':
      await element.select('fr');
  }
}

async function autocaptureReady(frame: Frame): Promise<void> {
  await frame.waitForFunction(() => (window as unknown as { posthog?: { autocapture?: { isEnabled?: boolean } } }).posthog?.autocapture?.isEnabled === true, {
    timeout: 15_000,
  });
}

test.beforeAll(async () => {
  site = await startElementsChainSite([SDK]);
  browser = await puppeteer.launch({ browser: 'firefox', executablePath: firefoxPath(), headless: true, defaultViewport: { width: 1000, height: 2400 } });
  page = await browser.newPage();
  await page.goto(site.pageUrl(SDK));
  await autocaptureReady(page.mainFrame());
  await page.waitForFrame((frame) => new URL(frame.url()).pathname.endsWith('/frame'));
  await autocaptureReady(await frameOf({ selector: '', action: 'click', frame: true }));
});

test.afterAll(async () => {
  await browser?.close();
  await site?.close();
});

for (const testCase of ELEMENTS_CASES) {
  const name = `${testCase.action} ${testCase.frame ? 'in the iframe ' : ''}${testCase.selector}`;
  test(`Firefox, ${SDK}: ${name}`, async () => {
    const top = page.mainFrame();
    const frame = await frameOf(testCase);
    await top.evaluate(resetCaseRecords);
    if (frame !== top) await frame.evaluate(resetCaseRecords);
    await act(frame, testCase);
    await frame.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
    const facts = await (await elementFor(frame, testCase.selector)).evaluate(readCaseFacts);
    const result: CaseResult = { ...(await frame.evaluate(readCaseRecords)), ...facts };
    const topEventsFromFrame = frame === top ? 0 : await top.evaluate(() => window.__sdkEvents.filter((event) => event.event === '$autocapture').length);
    sentChains.push(...ingestedSdkChains(result).map(([, chain]) => chain));
    expectCaseAgrees(SDK, testCase, name, result, topEventsFromFrame);
  });
}

test('Firefox: the project API stored the very chains the SDK sent', async () => {
  await expectApiStoredChains(site.api, page, sentChains);
});
