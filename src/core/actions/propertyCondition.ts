import { type Comparison, compileComparison } from './comparison';
import { type EventFacts, hogqlProperty } from './eventFacts';
import { code, type Condition, type ConditionResult, type ConditionStatus, type StepPath } from './matchResult';
import { compileSelector, testSelector } from './selectorMatcher';
import { compileRe2 } from './re2';

/**
 * One entry of a step's `properties` (`property_to_expr`). Event properties are evaluated from
 * the event; element filters (`type: element`, keys selector / tag_name / href / text) from its
 * chain. Person, cohort, group, session and HogQL filters need data the event does not carry:
 * their verdict is `unknown`. An entry the server cannot build a `Property` from (no string `key`,
 * no `value` field) is dropped by the server — "pretend it's not there" — so it passes.
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function missingText(operator: string): string {
  const passes = ['is_not', 'not_icontains', 'not_regex', 'is_not_set'].includes(operator);
  return passes
    ? `${code(operator)} matches a missing property (HogQL treats NULL as "not equal")`
    : `${code(operator)} never matches a missing property`;
}

function fixed(path: StepPath, expected: string, mode: string, status: ConditionStatus, reason: string): Condition {
  const result: ConditionResult = { kind: 'property', path, status, expected, mode, actual: null, reason };
  return { kind: 'property', path, test: () => status, evaluate: () => result };
}

function comparisonStatus(comparison: Comparison, passed: () => boolean): ConditionStatus {
  if (comparison.serverError !== undefined) return 'fail';
  if (!comparison.supported) return 'unknown';
  return passed() ? 'pass' : 'fail';
}

function eventPropertyCondition(path: StepPath, key: string, comparison: Comparison): Condition {
  const test = (facts: EventFacts) => comparisonStatus(comparison, () => comparison.test(hogqlProperty(facts, key)));
  const shown = comparison.values.length === 1 ? code(comparison.values[0] as string) : comparison.values.map(code).join(', ');
  return {
    kind: 'property',
    path,
    test,
    evaluate(facts) {
      const actual = hogqlProperty(facts, key);
      const status = test(facts);
      let reason: string;
      if (comparison.serverError !== undefined) reason = `property ${code(key)}: ${comparison.serverError}; the server's query fails`;
      else if (!comparison.supported) reason = `property ${code(key)}: operator ${code(comparison.operator)} cannot be evaluated here`;
      else if (actual === null) reason = `property ${code(key)} is not set: ${missingText(comparison.operator)}`;
      else reason = `property ${code(key)} is ${code(actual)}: ${code(comparison.operator)}${shown ? ` ${shown}` : ''} ${status === 'pass' ? 'holds' : 'does not hold'}`;
      return { kind: 'property', path, status, expected: key, mode: comparison.operator, actual, reason };
    },
  };
}

/** Operators whose several values the server AND-s (each passes on a missing value). */
const NEGATIVE = ['is_not', 'not_icontains', 'not_regex'];

/**
 * `type: element` filters. A list of values is expanded before anything else: one condition per
 * value, OR-ed (AND-ed for negative operators). selector and tag_name accept only exact / is_not.
 */
function elementCondition(path: StepPath, key: string, operator: string, value: unknown): Condition {
  if (Array.isArray(value) && value.length !== 1) {
    const parts = value.map((v) => elementCondition(path, key, operator, v));
    const all = NEGATIVE.includes(operator);
    const test = (facts: EventFacts): ConditionStatus => {
      const statuses = parts.map((part) => part.test(facts));
      if (all) return statuses.includes('fail') ? 'fail' : statuses.includes('unknown') ? 'unknown' : 'pass';
      return statuses.includes('pass') ? 'pass' : statuses.includes('unknown') ? 'unknown' : 'fail';
    };
    return {
      kind: 'property',
      path,
      test,
      evaluate(facts) {
        const status = test(facts);
        const reasons = parts.map((part) => part.evaluate(facts).reason).join(all ? '; and ' : '; or ');
        return { kind: 'property', path, status, expected: key, mode: operator, actual: facts.chain.chain, reason: reasons };
      },
    };
  }
  const scalar = Array.isArray(value) ? value[0] : value;
  if (key === 'selector' || key === 'tag_name') {
    if (operator !== 'exact' && operator !== 'is_not') {
      return fixed(path, key, operator, 'fail', `element ${key} filters support only exact and is_not; the server's query fails`);
    }
    const negated = operator === 'is_not';
    let matches: (facts: EventFacts) => boolean;
    if (key === 'selector') {
      const matcher = compileSelector(String(scalar));
      matches = (facts) => testSelector(matcher, facts.chain);
    } else {
      const regex = compileRe2(`(^|;)${String(scalar)}(\\.|$|;|:)`).regex;
      matches = (facts) => regex !== undefined && regex.test(facts.chain.chain);
    }
    const test = (facts: EventFacts): ConditionStatus => (matches(facts) !== negated ? 'pass' : 'fail');
    return {
      kind: 'property',
      path,
      test,
      evaluate(facts) {
        const status = test(facts);
        const reason = `element ${key} ${negated ? 'is not' : 'is'} ${code(String(scalar))}: ${status === 'pass' ? 'holds' : 'does not hold'}`;
        return { kind: 'property', path, status, expected: key, mode: operator, actual: facts.chain.chain, reason };
      },
    };
  }
  const comparison = compileComparison(operator, scalar);
  if (key === 'href') {
    // elements_chain_href is a non-null String: '' when the chain has no href.
    const test = (facts: EventFacts) => comparisonStatus(comparison, () => comparison.test(facts.chain.href));
    return {
      kind: 'property',
      path,
      test,
      evaluate(facts) {
        const status = test(facts);
        const reason = `element href (the first in the chain) is ${code(facts.chain.href)}: ${code(comparison.operator)} ${status === 'pass' ? 'holds' : 'does not hold'}`;
        return { kind: 'property', path, status, expected: key, mode: comparison.operator, actual: facts.chain.href, reason };
      },
    };
  }
  if (key === 'text') {
    // arrayExists(text -> compare, elements_chain_texts): some element text satisfies it.
    const test = (facts: EventFacts) => comparisonStatus(comparison, () => facts.chain.texts.some((t) => comparison.test(t)));
    return {
      kind: 'property',
      path,
      test,
      evaluate(facts) {
        const status = test(facts);
        const reason = `element texts ${facts.chain.texts.map(code).join(', ') || '(none)'}: ${code(comparison.operator)} ${status === 'pass' ? 'holds for one' : 'holds for none'}`;
        return { kind: 'property', path, status, expected: key, mode: comparison.operator, actual: facts.chain.texts, reason };
      },
    };
  }
  return fixed(path, key, operator, 'fail', `element filters have no key ${code(key)}; the server's query fails`);
}

export function propertyCondition(raw: unknown, index: number): Condition {
  const path: StepPath = ['properties', index];
  if (!isRecord(raw) || typeof raw['key'] !== 'string' || !('value' in raw)) {
    return fixed(path, isRecord(raw) ? String(raw['key'] ?? '') : '', '', 'pass', 'an incomplete property filter is ignored by the server');
  }
  const key = raw['key'];
  const type = typeof raw['type'] === 'string' ? raw['type'] : 'event';
  const operator = typeof raw['operator'] === 'string' && raw['operator'] ? raw['operator'] : 'exact';
  if (type === 'event') return eventPropertyCondition(path, key, compileComparison(operator, raw['value']));
  if (type === 'element') return elementCondition(path, key, operator, raw['value']);
  return fixed(path, key, operator, 'unknown', `${type} filters need data the event does not carry (the server joins it in)`);
}
