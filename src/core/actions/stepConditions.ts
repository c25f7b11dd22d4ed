import type { ChainElement } from '../elements/elementsChain';
import type { EventFacts } from './eventFacts';
import { hogqlProperty } from './eventFacts';
import { code, type Condition, type ConditionResult, type ConditionStatus, type StepPath } from './matchResult';
import { compileRe2 } from './re2';
import { diagnoseSelector } from './selectorDiagnostics';
import { compileSelector, evaluateSelector, type SelectorEvaluation, testSelector } from './selectorMatcher';
import { compileLike, containsPattern } from './sqlLike';

/**
 * The step conditions other than property filters, each as `steps_to_expr` writes it (see
 * `posthogReference.ts`). Element conditions read the chain's materialized columns (`chainColumns.ts`).
 */

type Matching = 'exact' | 'contains' | 'regex';

/** A string matcher for one matching mode; `serverError` when the server's query would fail. */
interface ValueMatcher {
  test(value: string): boolean;
  /** The regex cannot be reproduced in JavaScript: results are unknown. */
  untranslatable: boolean;
  serverError?: string;
}

function valueMatcher(expected: string, mode: Matching, like: 'LIKE' | 'ILIKE'): ValueMatcher {
  if (mode === 'regex') {
    const compiled = compileRe2(expected);
    const error = compiled.issues.find((issue) => issue.severity === 'error');
    const regex = compiled.regex;
    return {
      test: (value) => regex !== undefined && regex.test(value),
      untranslatable: compiled.valid && !regex,
      ...(error ? { serverError: `RE2 cannot compile ${code(expected)}: ${error.message}` } : {}),
    };
  }
  if (mode === 'contains') {
    const pattern = compileLike(containsPattern(expected), like === 'ILIKE');
    return { test: pattern.test, untranslatable: false, ...(pattern.valid ? {} : { serverError: `${like} ${code(containsPattern(expected))}: ${pattern.error}` }) };
  }
  return { test: (value) => value === expected, untranslatable: false };
}

function statusOf(matcher: ValueMatcher, passed: () => boolean): ConditionStatus {
  if (matcher.serverError !== undefined) return 'fail';
  if (matcher.untranslatable) return 'unknown';
  return passed() ? 'pass' : 'fail';
}

function mode(matching: string | null | undefined, fallback: Matching): Matching {
  return matching === 'exact' || matching === 'contains' || matching === 'regex' ? matching : fallback;
}

const MODE_RULE: Record<'text' | 'href' | 'url', Record<Matching, string>> = {
  text: {
    exact: 'text is exact and case-sensitive',
    contains: 'text contains is a case-insensitive ILIKE, where % and _ are wildcards',
    regex: 'text regex is RE2, tried on each element text',
  },
  href: {
    exact: 'href is exact and case-sensitive, and only the first href in the chain counts',
    contains: 'href contains is a case-insensitive ILIKE on the first href in the chain (% and _ are wildcards)',
    regex: 'href regex is RE2 on the first href in the chain',
  },
  url: {
    exact: 'URL exact compares the whole $current_url, case-sensitively',
    contains: 'URL contains is a case-sensitive SQL LIKE, where % and _ are wildcards',
    regex: 'URL regex is RE2 on $current_url',
  },
};

export function eventCondition(expected: string): Condition {
  const path: StepPath = ['event'];
  const test = (facts: EventFacts): ConditionStatus => (facts.event === expected ? 'pass' : 'fail');
  return {
    kind: 'event',
    path,
    test,
    evaluate(facts) {
      const status = test(facts);
      const reason =
        status === 'pass'
          ? `event is ${code(expected)}`
          : `event is ${code(facts.event)}, the step wants ${code(expected)} (exact and case-sensitive)`;
      return { kind: 'event', path, status, expected, mode: 'exact', actual: facts.event, reason };
    },
  };
}

function describeElement(element: ChainElement): string {
  const classes = element.attr_class?.length ? `.${element.attr_class.join('.')}` : '';
  const id = element.attr_id ? `#${element.attr_id}` : '';
  return `${element.tag_name ?? ''}${id}${classes}` || '(untagged element)';
}

function selectorReason(selector: string, evaluation: SelectorEvaluation, compileError: string | undefined, idOnly: boolean, never: string | undefined): string {
  if (compileError !== undefined) return `the server cannot parse selector ${code(selector)} (${compileError}); its query fails`;
  if (evaluation.matched) {
    if (idOnly) return `an element of the chain has the id of ${code(selector)} (an id-only selector is checked against the chain's ids, not the regex)`;
    const element = evaluation.matchedElement;
    const where =
      evaluation.matchedOrder === 0
        ? 'the clicked element'
        : `element ${(evaluation.matchedOrder ?? 0) + 1} of the chain, an ancestor of the clicked element — the server accepts a match on any element`;
    return `selector ${code(selector)} matched ${code(element ? describeElement(element) : '?')} in the chain (${where})`;
  }
  const why: string[] = [];
  if (evaluation.regexMatched === false) {
    why.push(never ?? "its regular expression finds no match in the elements chain (the server's rules are not CSS)");
  }
  if (evaluation.missingIds.length) why.push(`no element has id ${evaluation.missingIds.map(code).join(', ')}`);
  if (evaluation.usefulTagFound === false) why.push('the chain has none of the a/button/input/select/textarea/label tags the selector names (checked by exact tag)');
  return `selector ${code(selector)} did not match: ${why.join('; ') || 'no match'}`;
}

export function selectorCondition(selector: string): Condition {
  const path: StepPath = ['selector'];
  const matcher = compileSelector(selector);
  const test = (facts: EventFacts): ConditionStatus => (testSelector(matcher, facts.chain) ? 'pass' : 'fail');
  // Only needed to explain a failure, so computed then.
  let never: string | undefined | null = null;
  const neverReason = () => {
    if (never === null) never = diagnoseSelector(selector).find((diagnostic) => diagnostic.severity === 'error')?.message;
    return never;
  };
  return {
    kind: 'selector',
    path,
    test,
    evaluate(facts): ConditionResult {
      const evaluation = evaluateSelector(matcher, facts.chain);
      return {
        kind: 'selector',
        path,
        status: evaluation.matched ? 'pass' : 'fail',
        expected: selector,
        mode: 'selector',
        actual: facts.chain.chain,
        reason: selectorReason(selector, evaluation, matcher.compileError, matcher.idOnly, evaluation.matched ? undefined : neverReason()),
        selector: evaluation,
      };
    },
  };
}

/** `tag_name_to_expr`: the tag is pasted into a regex unescaped, so it is itself a regex fragment. */
export function tagNameCondition(tagName: string): Condition {
  const path: StepPath = ['tag_name'];
  const matcher = valueMatcher(`(^|;)${tagName}(\\.|$|;|:)`, 'regex', 'LIKE');
  const test = (facts: EventFacts) => statusOf(matcher, () => matcher.test(facts.chain.chain));
  return {
    kind: 'tag_name',
    path,
    test,
    evaluate(facts) {
      const status = test(facts);
      const reason =
        matcher.serverError ??
        (status === 'unknown'
          ? `tag name ${code(tagName)} is a regex fragment JavaScript cannot reproduce`
          : status === 'pass'
            ? `an element of the chain has tag ${code(tagName)}`
            : `no element of the chain has tag ${code(tagName)} (tag_name is matched exactly, on any element)`);
      return { kind: 'tag_name', path, status, expected: tagName, mode: 'exact', actual: facts.chain.chain, reason };
    },
  };
}

export function hrefCondition(href: string, matching: string | null | undefined): Condition {
  const path: StepPath = ['href'];
  const how = mode(matching, 'exact');
  const matcher = valueMatcher(href, how, 'ILIKE');
  const test = (facts: EventFacts) => statusOf(matcher, () => matcher.test(facts.chain.href));
  return {
    kind: 'href',
    path,
    test,
    evaluate(facts) {
      const status = test(facts);
      const actual = facts.chain.href;
      const seen = actual === '' ? 'the chain has no href' : `the first href in the chain is ${code(actual)}`;
      const verb = status === 'pass' ? 'matched' : 'did not match';
      const reason = matcher.serverError ?? `href ${code(href)} ${verb}: ${seen} — ${MODE_RULE.href[how]}`;
      return { kind: 'href', path, status, expected: href, mode: how, actual, reason };
    },
  };
}

export function textCondition(text: string, matching: string | null | undefined): Condition {
  const path: StepPath = ['text'];
  const how = mode(matching, 'exact');
  const matcher = valueMatcher(text, how, 'ILIKE');
  const test = (facts: EventFacts) => statusOf(matcher, () => facts.chain.texts.some(matcher.test));
  return {
    kind: 'text',
    path,
    test,
    evaluate(facts) {
      const status = test(facts);
      const texts = facts.chain.texts;
      let reason: string;
      if (matcher.serverError !== undefined) reason = matcher.serverError;
      else if (status === 'pass') reason = `text ${code(text)} matched element text ${code(texts.find(matcher.test) ?? '')}`;
      else if (texts.length === 0) reason = `text ${code(text)} did not match: no element in the chain has text`;
      else {
        const caseOnly = how === 'exact' ? texts.find((t) => t.toLowerCase() === text.toLowerCase()) : undefined;
        const cut = text.includes('"') ? ' (the server reads each text only up to its first quote, so a text with " never matches exactly)' : '';
        reason =
          caseOnly !== undefined
            ? `text ${code(text)} did not match ${code(caseOnly)} — ${MODE_RULE.text[how]}`
            : `text ${code(text)} did not match any element text (${texts.map(code).join(', ')}) — ${MODE_RULE.text[how]}${cut}`;
      }
      return { kind: 'text', path, status, expected: text, mode: how, actual: texts, reason };
    },
  };
}

export function urlCondition(url: string, matching: string | null | undefined): Condition {
  const path: StepPath = ['url'];
  // The server's default for URLs is contains (anything but exact/regex falls into LIKE).
  const how = mode(matching, 'contains');
  const matcher = valueMatcher(url, how, 'LIKE');
  const test = (facts: EventFacts): ConditionStatus => {
    const current = hogqlProperty(facts, '$current_url');
    return statusOf(matcher, () => current !== null && matcher.test(current));
  };
  return {
    kind: 'url',
    path,
    test,
    evaluate(facts) {
      const status = test(facts);
      const current = hogqlProperty(facts, '$current_url');
      const verb = status === 'pass' ? 'matched' : 'did not match';
      const reason =
        matcher.serverError ??
        (current === null
          ? `URL ${code(url)} did not match: the event has no $current_url`
          : `URL ${code(url)} ${verb} ${code(current)} — ${MODE_RULE.url[how]}`);
      return { kind: 'url', path, status, expected: url, mode: how, actual: current, reason };
    },
  };
}
