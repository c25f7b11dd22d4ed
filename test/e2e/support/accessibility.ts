import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The WCAG levels the checks hold our pages to. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa'];

export type Scheme = 'light' | 'dark';
export const SCHEMES: Scheme[] = ['light', 'dark'];

/** The theme's page background in each scheme (src/ui/theme.css, `--bg`). */
export const THEME_BG: Record<Scheme, string> = { light: 'rgb(255, 255, 255)', dark: 'rgb(23, 25, 29)' };

export interface Finding {
  where: string;
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * axe over the page (or, with `include`, one element and everything below it, open shadow roots
 * included), returning the serious and critical violations as lines a person can act on.
 */
export async function axeFindings(page: Page, where: string, include?: string): Promise<Finding[]> {
  let builder = new AxeBuilder({ page }).withTags(AXE_TAGS);
  if (include) builder = builder.include(include);
  const results = await builder.analyze();
  return seriousFindings(results, where, include);
}

/** The parts of axe's results the findings read: the same in @axe-core/playwright and the injected axe-core. */
export interface AxeOutcome {
  violations: ReadonlyArray<{ id: string; impact?: string | null; help: string; nodes: ReadonlyArray<{ target: unknown; failureSummary?: string }> }>;
  passes: ReadonlyArray<{ nodes: ReadonlyArray<{ target: unknown }> }>;
}

/**
 * axe's results as findings: the serious and critical violations, once the check is known to have
 * seen something (an empty include would pass vacuously) and, with `include`, to have reached into
 * the shadow root. Both browsers' checks read their results here.
 */
export function seriousFindings(results: AxeOutcome, where: string, include?: string): Finding[] {
  expect(results.passes.length, `${where}: axe checked nothing`).toBeGreaterThan(0);
  if (include) expect(results.passes.some((pass) => pass.nodes.some((node) => Array.isArray((node.target as unknown[])[0]))), `${where}: axe did not reach into the shadow root`).toBe(true);
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      where,
      rule: violation.id,
      impact: violation.impact ?? '',
      help: `${violation.help} (${violation.nodes.length} ${violation.nodes.length === 1 ? 'element' : 'elements'})`,
      targets: violation.nodes.slice(0, 3).map((node) => `${JSON.stringify(node.target)} ${node.failureSummary?.split('\n').slice(1).join(' ') ?? ''}`.trim()),
    }));
}

export function describeFindings(findings: Finding[]): string {
  return findings.map((finding) => `${finding.where}: ${finding.rule} (${finding.impact}) ${finding.help}\n    ${finding.targets.join('\n    ')}`).join('\n');
}

/** What the focused element (inside open shadow roots too) shows as its focus ring. */
export interface FocusRing {
  /** Which element, numbered in the order first focused (the same element keeps its number). */
  id: number;
  element: string;
  outline: string;
  visible: boolean;
}

/**
 * Runs in the page (Playwright's and puppeteer's `evaluate` both take it): the focused element,
 * looked for through open shadow roots, and whether it draws an outline; null on the body.
 */
export function readFocusRing(): FocusRing | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  if (!active || active === document.body) return null;
  const store = window as unknown as { __focusRings?: { ids: WeakMap<Element, number>; next: number } };
  const numbers = (store.__focusRings ??= { ids: new WeakMap(), next: 0 });
  if (!numbers.ids.has(active)) numbers.ids.set(active, numbers.next++);
  const style = getComputedStyle(active);
  const width = parseFloat(style.outlineWidth);
  const attribute = ['data-testid', 'id', 'name', 'aria-label'].find((name) => active.hasAttribute(name));
  const label = `${active.tagName.toLowerCase()}${attribute ? `[${attribute}="${active.getAttribute(attribute)}"]` : ''} “${(active.textContent ?? '').trim().slice(0, 30)}”`;
  return {
    id: numbers.ids.get(active)!,
    element: label,
    outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
    visible: style.outlineStyle !== 'none' && width >= 2 && style.outlineColor !== 'rgba(0, 0, 0, 0)',
  };
}

/** Runs in the page: whether the element `selector` names holds the focus (in its shadow root). */
export function hostHasFocus(selector: string): boolean {
  return document.activeElement !== null && document.activeElement === document.querySelector(selector);
}

/** One Tab press as a driver does it: the ring now focused, or null once the focus left. */
export type TabStep = () => Promise<FocusRing | null>;

/**
 * Presses Tab (through `step`) up to `max` times and collects each focused element's ring, until
 * the focus comes back round to the first element or leaves. Both browsers' keyboard checks use it.
 */
export async function collectRings(step: TabStep, max = 40): Promise<FocusRing[]> {
  const rings: FocusRing[] = [];
  for (let i = 0; i < max; i++) {
    const ring = await step();
    if (!ring) break;
    if (rings.length > 0 && ring.id === rings[0]!.id) break;
    rings.push(ring);
  }
  return rings;
}

export function focusRing(page: Page): Promise<FocusRing | null> {
  return page.evaluate(readFocusRing);
}

/**
 * Presses Tab up to `max` times and reads each focused element's ring, until the focus comes back
 * round to the first element or leaves `host` (an element whose open shadow root holds the focus).
 */
export function tabThrough(page: Page, { max = 40, host }: { max?: number; host?: string } = {}): Promise<FocusRing[]> {
  return collectRings(async () => {
    await page.keyboard.press('Tab');
    if (host && !(await page.evaluate(hostHasFocus, host))) return null;
    return focusRing(page);
  }, max);
}
