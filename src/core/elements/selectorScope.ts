import { CandidateIndex } from './candidateIndex';
import { compileSelector, testSelector } from '../actions/selectorMatcher';

/**
 * Where a selector for one element is counted: as CSS, from the element's root (its document or
 * shadow root — `querySelectorAll` does not cross into or out of shadow roots), and on the server,
 * against every candidate's click chain. A click on one of the element's descendants is a click on
 * the element (its chain contains the element), so those never make a selector too broad.
 */
export interface SelectorCounts {
  cssCount: number;
  matchesElementAsCss: boolean;
  /** The element (with its descendants) counts once; every other matched candidate once. */
  serverCount: number;
  matchesElementOnServer: boolean;
  uniqueAsCss: boolean;
  uniqueOnServer: boolean;
  /** Set when the browser rejects the selector. */
  cssError?: string;
}

/** `a` contains `b`, across shadow roots (a candidate inside `a`'s shadow tree is inside `a`). */
export function containsDeep(a: Element, b: Element): boolean {
  let node: Node | null = b;
  while (node) {
    if (node === a) return true;
    // A shadow root (a document fragment with a host) has no parent node: continue at its host.
    node = node.parentNode ?? ((node as Partial<ShadowRoot>).host ?? null);
  }
  return false;
}

export class SelectorScope {
  readonly root: Document | ShadowRoot;
  private readonly cssCache = new Map<string, Element[] | string>();
  /** Candidates that made an earlier attempt too broad on the server. */
  private readonly lookAlikes: Element[] = [];

  constructor(
    readonly element: Element,
    readonly index: CandidateIndex,
  ) {
    this.root = element.getRootNode() as Document | ShadowRoot;
  }

  static for(element: Element, index?: CandidateIndex): SelectorScope {
    return new SelectorScope(element, index ?? CandidateIndex.build(element.ownerDocument));
  }

  /** The elements the selector selects as CSS, or the browser's message when it is not valid CSS. */
  css(selector: string): Element[] | string {
    let hit = this.cssCache.get(selector);
    if (hit === undefined) {
      try {
        hit = [...this.root.querySelectorAll(selector)];
      } catch (error) {
        hit = error instanceof Error ? error.message : String(error);
      }
      this.cssCache.set(selector, hit);
    }
    return hit;
  }

  cssCount(selector: string): number {
    const found = this.css(selector);
    return typeof found === 'string' ? 0 : found.length;
  }

  /** Cheap first check: exactly this element as CSS. */
  uniqueAsCss(selector: string): boolean {
    const found = this.css(selector);
    return typeof found !== 'string' && found.length === 1 && found[0] === this.element;
  }

  matchesOnServer(selector: string): boolean {
    return testSelector(compileSelector(selector), this.index.columnsOf(this.element));
  }

  count(selector: string): SelectorCounts {
    const found = this.css(selector);
    const cssError = typeof found === 'string' ? found : undefined;
    const cssElements = typeof found === 'string' ? [] : found;
    const matchesElementAsCss = cssElements.includes(this.element);
    const matchesElementOnServer = this.matchesOnServer(selector);
    const others = this.index.serverMatches(selector).filter((candidate) => candidate !== this.element && !containsDeep(this.element, candidate));
    const counts: SelectorCounts = {
      cssCount: cssElements.length,
      matchesElementAsCss,
      serverCount: others.length + (matchesElementOnServer ? 1 : 0),
      matchesElementOnServer,
      uniqueAsCss: matchesElementAsCss && cssElements.length === 1,
      uniqueOnServer: matchesElementOnServer && others.length === 0,
    };
    if (cssError !== undefined) counts.cssError = cssError;
    return counts;
  }

  /** Unique both ways; the CSS check runs first because it is the cheaper one. */
  isUnique(selector: string): boolean {
    if (!this.uniqueAsCss(selector) || !this.matchesOnServer(selector)) return false;
    // The candidates that spoilt earlier attempts first: most attempts fail on the same few look-alikes.
    const matcher = compileSelector(selector);
    if (this.lookAlikes.some((other) => testSelector(matcher, this.index.columnsOf(other)))) return false;
    const other = this.index.serverMatchOther(selector, (candidate) => candidate === this.element || containsDeep(this.element, candidate));
    if (other) this.lookAlikes.push(other);
    return other === undefined;
  }
}
