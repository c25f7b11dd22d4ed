import { type ChainElement, parseElementsChain } from '../elements/elementsChain';
import type { ChainColumns } from './chainColumns';
import { LinearRegex } from './linearRegex';
import { compileRe2 } from './re2';
import { type ParsedSelector, parseSelector, SelectorCompileError } from './selectorParser';
import { buildSelectorRegex, chainEscapedValue, codePointCompare } from './selectorRegex';

/**
 * A step's `selector` as the server checks it (`selector_to_expr`): the selector regex over the
 * chain, AND for every part with an id that id among the chain's ids (`indexOf(elements_chain_ids,
 * id) > 0`), AND — when any part names one of `Element.USEFUL_ELEMENTS` as its tag — at least one
 * such tag among the chain's elements. Two consequences that differ from the regex alone:
 *
 * - A selector that is only `#id` (or `[id="…"]`) skips the regex: any element with exactly that
 *   id matches (the server's "OPTIMIZATION").
 * - The useful-tag check is exact while the regex matches tags by prefix: `a` does not match a chain
 *   whose only `a…` element is an `abbr`, but `b` (not a useful tag) matches a `button`.
 */

/** `Element.USEFUL_ELEMENTS` (note: `form` is not among them, although the elements column tracks it). */
export const USEFUL_ELEMENTS: readonly string[] = ['a', 'button', 'input', 'select', 'textarea', 'label'];

export interface SelectorMatcher {
  selector: string;
  /** The server fails on this selector (its query errors); nothing is matched. */
  compileError?: string;
  parsed?: ParsedSelector;
  /** `selector_regex`. */
  regexSource: string;
  regex: RegExp | undefined;
  /**
   * The same regex in linear time, for selectors with more than BACKTRACKING_SAFE_WILDCARDS
   * wildcards or BACKTRACKING_SAFE_PARTS parts: V8 can backtrack for minutes on one chain for those
   * (see linearRegex.ts), RE2 on the server never does. Used instead of `regex` when set.
   */
  linear?: LinearRegex;
  /** Only the id check runs (single part whose only condition is an id). */
  idOnly: boolean;
  /** Ids that must all be among the chain's ids. */
  ids: string[];
  /** When non-empty, one of these must be among the chain's elements. */
  usefulTags: string[];
  /** Substrings the chain must contain for the regex to match: a cheap pre-check, never a verdict. */
  literals: string[];
}

/**
 * Up to this many wildcards (`.*?`, `.*`: one per class, attribute and position) and parts, V8 runs
 * the selector regex fastest. Beyond, a chain holding every piece without matching can make it
 * backtrack for seconds to minutes — through the wildcards, and through the tail every part has
 * (`[^;]*?` then `[^;^\s]*` up to a space), which long paths of bare tags repeat — so `LinearRegex`
 * answers instead: same verdicts, linear time.
 */
export const BACKTRACKING_SAFE_WILDCARDS = 4;
export const BACKTRACKING_SAFE_PARTS = 3;

export function wildcardCount(regexSource: string): number {
  return regexSource.match(/(?<!\\)\.\*/g)?.length ?? 0;
}

function literalsOf(parsed: ParsedSelector): string[] {
  const literals: string[] = [];
  for (const part of parsed.parts) {
    if (part.tagName && part.tagName !== '*') literals.push(part.tagName);
    // The regex puts the classes in code point order; only the first is preceded by a dot for sure.
    const classes = [...(part.classes ?? [])].sort(codePointCompare);
    classes.forEach((cls, index) => literals.push(index === 0 ? `.${cls}` : cls));
    for (const [key, value] of part.chAttributes) literals.push(`${key}="${chainEscapedValue(value)}"`);
  }
  return literals.filter((literal) => literal !== '');
}

function compileUncached(selector: string): SelectorMatcher {
  let parsed: ParsedSelector;
  try {
    parsed = parseSelector(selector);
  } catch (error) {
    if (!(error instanceof SelectorCompileError)) throw error;
    return { selector, compileError: error.message, regexSource: '', regex: undefined, idOnly: false, ids: [], usefulTags: [], literals: [] };
  }
  const regexSource = buildSelectorRegex(parsed);
  const ids: string[] = [];
  const usefulTags: string[] = [];
  let idOnly = false;
  for (const part of parsed.parts) {
    if (part.tagName !== undefined && USEFUL_ELEMENTS.includes(part.tagName)) usefulTags.push(part.tagName);
    if (part.attrId !== undefined) {
      ids.push(part.attrId);
      if (parsed.parts.length === 1 && part.dataKeyCount === 1) idOnly = true;
    }
  }
  // Selector regexes use only constructs both engines read alike once translated.
  const regex = compileRe2(regexSource).regex;
  const matcher: SelectorMatcher = { selector, parsed, regexSource, regex, idOnly, ids, usefulTags, literals: idOnly ? [] : literalsOf(parsed) };
  if (regex && !idOnly && (wildcardCount(regexSource) > BACKTRACKING_SAFE_WILDCARDS || parsed.parts.length > BACKTRACKING_SAFE_PARTS)) {
    matcher.linear = new LinearRegex(regexSource);
  }
  return matcher;
}

const cache = new Map<string, SelectorMatcher>();
const CACHE_LIMIT = 10_000;

export function compileSelector(selector: string): SelectorMatcher {
  const hit = cache.get(selector);
  if (hit) return hit;
  const matcher = compileUncached(selector);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(selector, matcher);
  return matcher;
}

function regexMatches(matcher: SelectorMatcher, chain: string): boolean {
  for (const literal of matcher.literals) if (!chain.includes(literal)) return false;
  if (matcher.linear) return matcher.linear.test(chain);
  return matcher.regex?.test(chain) ?? false;
}

function usefulTagFound(matcher: SelectorMatcher, columns: ChainColumns): boolean {
  return matcher.usefulTags.length === 0 || columns.elements.some((tag) => matcher.usefulTags.includes(tag));
}

/** Fast verdict. */
export function testSelector(matcher: SelectorMatcher, columns: ChainColumns): boolean {
  if (matcher.compileError !== undefined) return false;
  if (matcher.idOnly) return columns.ids.includes(matcher.ids[0] as string);
  return regexMatches(matcher, columns.chain) && matcher.ids.every((id) => columns.ids.includes(id)) && usefulTagFound(matcher, columns);
}

export interface SelectorEvaluation {
  matched: boolean;
  /** undefined when the regex did not run (id-only selector, or the server fails). */
  regexMatched?: boolean;
  /** The element where the regex match starts, and its position (0 = the clicked element). */
  matchedElement?: ChainElement;
  matchedOrder?: number;
  missingIds: string[];
  /** undefined when the selector names no useful tag. */
  usefulTagFound?: boolean;
}

const indexedRegexes = new WeakMap<SelectorMatcher, RegExp>();

/** The selector regex with match indices (`d`), to tell where a match sits; only explanations need it. */
function withIndices(matcher: SelectorMatcher): RegExp | undefined {
  if (!matcher.regex) return undefined;
  let regex = indexedRegexes.get(matcher);
  if (!regex) {
    regex = new RegExp(matcher.regex.source, `${matcher.regex.flags}d`);
    indexedRegexes.set(matcher, regex);
  }
  return regex;
}

/** Detailed verdict, for explanations. Agrees with `testSelector`. */
export function evaluateSelector(matcher: SelectorMatcher, columns: ChainColumns): SelectorEvaluation {
  const missingIds = matcher.ids.filter((id) => !columns.ids.includes(id));
  if (matcher.compileError !== undefined) return { matched: false, missingIds };
  if (matcher.idOnly) return { matched: missingIds.length === 0, missingIds };
  const evaluation: SelectorEvaluation = { matched: false, missingIds };
  const regexMatched = regexMatches(matcher, columns.chain);
  // Where the match sits takes V8's regex; a selector that could make it backtrack for minutes
  // gets its verdict without the place.
  const regex = regexMatched && !matcher.linear ? withIndices(matcher) : undefined;
  const match = regex?.exec(columns.chain);
  evaluation.regexMatched = regexMatched;
  // Group 2 is the tail of the first (clicked-most) part: it sits in the element where that part's
  // conditions were found. The match itself may start earlier, since `.*?` crosses elements.
  const tailStart = match?.indices?.[2]?.[0];
  if (tailStart !== undefined) {
    const order = Math.max(0, parseElementsChain(columns.chain.slice(0, tailStart)).length - 1);
    const element = parseElementsChain(columns.chain)[order];
    evaluation.matchedOrder = order;
    if (element) evaluation.matchedElement = element;
  }
  if (matcher.usefulTags.length > 0) evaluation.usefulTagFound = usefulTagFound(matcher, columns);
  evaluation.matched = evaluation.regexMatched && missingIds.length === 0 && evaluation.usefulTagFound !== false;
  return evaluation;
}
