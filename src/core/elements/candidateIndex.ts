import { type ChainColumns, chainColumns } from '../actions/chainColumns';
import { compileSelector, type SelectorMatcher, testSelector } from '../actions/selectorMatcher';
import { ChainBuilder } from './chainBuilder';
import { findCandidates } from './findCandidates';

/**
 * A page's candidates with each click chain computed once, on first use: the inspector asks for
 * the chain of the element under the pointer, and the selector editor asks on every keystroke which
 * candidates the server would match — both must stay cheap on pages with thousands of candidates.
 */
export class CandidateIndex {
  private readonly chains = new WeakMap<Element, string>();
  private readonly builder = new ChainBuilder();
  private readonly matchers = new Map<string, SelectorMatcher>();

  private constructor(readonly elements: readonly Element[]) {}

  static build(root: Document, options: { visibleOnly?: boolean } = {}): CandidateIndex {
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
}
