import { type ChainColumns, chainColumns } from '../actions/chainColumns';
import { compileSelector, type SelectorMatcher, testSelector } from '../actions/selectorMatcher';
import { ChainBuilder } from './chainBuilder';
import { chainEntries } from './elementsChain';
import { findCandidates, type FindOptions } from './findCandidates';
import { containsDeep } from './selectorScope';

/**
 * A page's candidates with each click chain computed once, on first use: the inspector asks for
 * the chain of the element under the pointer, and the selector editor asks on every keystroke which
 * candidates the server would match — both must stay cheap on pages with thousands of candidates.
 */
export class CandidateIndex {
  private readonly chains = new WeakMap<Element, string>();
  private readonly builder = new ChainBuilder();
  private readonly matchers = new Map<string, SelectorMatcher>();
  private byChainInRoot: Map<string, Element[]> | undefined;

  private constructor(readonly elements: readonly Element[]) {}

  static build(root: Document, options: FindOptions = {}): CandidateIndex {
    return new CandidateIndex(findCandidates(root, options));
  }

  /** The chain of a click on `element` (any element, not only candidates). */
  chainOf(element: Element): string {
    let chain = this.chains.get(element);
    if (chain === undefined) {
      chain = this.builder.chainFor(element);
      this.chains.set(element, chain);
    }
    return chain;
  }

  /**
   * The part of the element's click chain that a selector selecting it as CSS can name: from the
   * element up to its root's top — the whole chain in the document; for shadow content the chain
   * goes on through the host, which CSS from inside the shadow tree cannot reach.
   */
  chainInRoot(element: Element): string {
    const chain = this.chainOf(element);
    if (element.getRootNode() === element.ownerDocument) return chain;
    let levels = 0;
    for (let node: Element | null = element; node; node = node.parentElement) levels++;
    return chainEntries(chain).slice(0, levels).join(';');
  }

  /**
   * Candidates (neither inside the other) with exactly the element's `chainInRoot`: whatever selects
   * the element as CSS is found on the server in their chains in the same place, so nothing singles
   * it out both ways. Identical chains in the document; identical component instances in shadow trees.
   */
  twinsOf(element: Element): Element[] {
    if (!this.byChainInRoot) {
      this.byChainInRoot = new Map();
      for (const candidate of this.elements) {
        const key = this.chainInRoot(candidate);
        const same = this.byChainInRoot.get(key);
        if (same) same.push(candidate);
        else this.byChainInRoot.set(key, [candidate]);
      }
    }
    const same = this.byChainInRoot.get(this.chainInRoot(element)) ?? [];
    return same.filter((other) => other !== element && !containsDeep(element, other) && !containsDeep(other, element));
  }

  columnsOf(element: Element): ChainColumns {
    return chainColumns(this.chainOf(element));
  }

  /** Candidates whose click chain the server's selector rule matches (not CSS: see core/actions). */
  serverMatches(selector: string): Element[] {
    let matcher = this.matchers.get(selector);
    if (!matcher) {
      matcher = compileSelector(selector);
      if (this.matchers.size >= 256) this.matchers.clear();
      this.matchers.set(selector, matcher);
    }
    const compiled = matcher;
    return this.elements.filter((element) => testSelector(compiled, this.columnsOf(element)));
  }

  /** The first candidate that `allowed` rejects and the server matches the selector on. */
  serverMatchOther(selector: string, allowed: (candidate: Element) => boolean): Element | undefined {
    const matcher = compileSelector(selector);
    return this.elements.find((element) => !allowed(element) && testSelector(matcher, this.columnsOf(element)));
  }
}
