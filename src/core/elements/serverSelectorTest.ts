import type { ChainColumns } from '../actions/chainColumns';
import { compileSelector, testSelector } from '../actions/selectorMatcher';
import type { CandidateIndex } from './candidateIndex';
import { LinearRegex } from './linearRegex';

/**
 * `testSelector` (the server's verdict for one click chain) that never hangs. With few wildcards
 * (`.*?`, `.*`) V8 runs the selector regex fastest; from `BACKTRACKING_SAFE_WILDCARDS + 1` on, a chain
 * that holds every piece without matching can make it backtrack for minutes, so those selectors run
 * on `LinearRegex` instead — same verdicts, linear time. Every other check is `testSelector`'s.
 */
export const BACKTRACKING_SAFE_WILDCARDS = 4;

export function wildcardCount(regexSource: string): number {
  return regexSource.match(/(?<!\\)\.\*/g)?.length ?? 0;
}

export type ServerTest = (columns: ChainColumns) => boolean;

const cache = new Map<string, ServerTest>();
const CACHE_LIMIT = 2_000;

function compile(selector: string): ServerTest {
  const matcher = compileSelector(selector);
  if (matcher.compileError !== undefined || matcher.idOnly || wildcardCount(matcher.regexSource) <= BACKTRACKING_SAFE_WILDCARDS) {
    return (columns) => testSelector(matcher, columns);
  }
  const regex = new LinearRegex(matcher.regexSource);
  return (columns) =>
    matcher.literals.every((literal) => columns.chain.includes(literal)) &&
    regex.test(columns.chain) &&
    matcher.ids.every((id) => columns.ids.includes(id)) &&
    (matcher.usefulTags.length === 0 || columns.elements.some((tag) => matcher.usefulTags.includes(tag)));
}

export function serverSelectorTest(selector: string): ServerTest {
  let test = cache.get(selector);
  if (!test) {
    test = compile(selector);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(selector, test);
  }
  return test;
}

/** `CandidateIndex.serverMatches`, safe for any selector (the editor's user-typed ones included). */
export function serverMatches(index: CandidateIndex, selector: string): Element[] {
  const test = serverSelectorTest(selector);
  return index.elements.filter((element) => test(index.columnsOf(element)));
}
