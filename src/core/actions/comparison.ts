import { compileRe2, type RegexIssue } from './re2';
import { codePointCompare } from './selectorRegex';
import { compileLike } from './sqlLike';

/**
 * One property-filter comparison as HogQL lowers it (`property_to_expr` + `_expr_to_compare_op`),
 * on a value HogQL reads as a string or NULL. What the server does that intuition does not:
 *
 * - A missing property (or JSON null) fails `exact`, `icontains`, `regex`, `gt`/`lt`, `is_set`, and
 *   **passes** `is_not`, `not_icontains`, `not_regex`, `is_not_set` (`ifNull(notEquals(…), 1)`).
 * - `icontains` is `ILIKE '%value%'`: `%` and `_` in the value are wildcards. With several values it
 *   becomes `multiSearchAnyCaseInsensitive`: plain substrings, ASCII-only case folding.
 * - A list of values: none → the filter is dropped (always true); one → that value; several →
 *   `IN` / `NOT IN` for exact / is_not, OR of each for the others, AND for the negated ones.
 * - Values are compared as strings: a JSON number property `1` equals `'1'`; booleans are
 *   `'true'`/`'false'`.
 */

export type ComparisonOperator =
  | 'exact'
  | 'is_not'
  | 'icontains'
  | 'not_icontains'
  | 'regex'
  | 'not_regex'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'is_set'
  | 'is_not_set';

const SUPPORTED = new Set<string>(['exact', 'is_not', 'icontains', 'not_icontains', 'regex', 'not_regex', 'gt', 'gte', 'lt', 'lte', 'is_set', 'is_not_set']);

/** Operators whose several values are AND-ed (they pass on NULL). */
const NEGATED = new Set<string>(['is_not', 'not_icontains', 'not_regex', 'is_not_set']);

export interface Comparison {
  operator: string;
  /** False for an operator this engine does not evaluate (the server may): results are unknown. */
  supported: boolean;
  /** Problems that make the server's query fail (an invalid regex, a LIKE ending in `\`). */
  serverError?: string;
  regexIssues: RegexIssue[];
  /** The filter value(s) as the server compares them. */
  values: string[];
  test(actual: string | null): boolean;
}

/** `str(value)` in Python, which builds the ILIKE pattern: booleans print as True/False. */
function pythonStr(value: unknown): string {
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (Array.isArray(value)) return `[${value.map((v) => (typeof v === 'string' ? `'${v}'` : pythonStr(v))).join(', ')}]`;
  return String(value);
}

/** A constant as HogQL compares it with a property string (`_handle_bool_values` makes booleans 'true'/'false'). */
function constantString(value: unknown): string {
  if (value === true) return 'true';
  if (value === false) return 'false';
  return String(value);
}

const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/**
 * gt/lt/gte/lte. PostHog types a property Numeric when it was seen as a JSON number and then
 * compares as numbers; otherwise it compares strings. Guess (documented): numbers when both sides
 * read as numbers, strings when neither does, no match for a mix.
 */
function order(actual: string, expected: string): number | undefined {
  const a = NUMBER.test(actual);
  const e = NUMBER.test(expected);
  if (a && e) return Number(actual) - Number(expected);
  // ClickHouse compares strings byte-wise (UTF-8), i.e. in code point order.
  if (!a && !e) return codePointCompare(actual, expected);
  return undefined;
}

function single(operator: string, value: unknown): Omit<Comparison, 'values'> & { value: string } {
  const base = { operator, supported: true, regexIssues: [] as RegexIssue[] };
  switch (operator) {
    case 'exact': {
      const expected = constantString(value);
      return { ...base, value: expected, test: (actual) => actual !== null && actual === expected };
    }
    case 'is_not': {
      const expected = constantString(value);
      return { ...base, value: expected, test: (actual) => actual === null || actual !== expected };
    }
    case 'icontains':
    case 'not_icontains': {
      const pattern = compileLike(`%${pythonStr(value)}%`, true);
      const negated = operator === 'not_icontains';
      return {
        ...base,
        value: pythonStr(value),
        ...(pattern.valid ? {} : { serverError: `ILIKE pattern: ${pattern.error}` }),
        test: (actual) => (actual === null ? negated : pattern.test(actual) !== negated),
      };
    }
    case 'regex':
    case 'not_regex': {
      const compiled = compileRe2(String(value));
      const negated = operator === 'not_regex';
      const regex = compiled.regex;
      const failure = compiled.issues.find((issue) => issue.severity === 'error');
      const untranslatable = compiled.valid && !regex;
      return {
        ...base,
        supported: !untranslatable,
        value: String(value),
        regexIssues: compiled.issues,
        ...(failure ? { serverError: `RE2 cannot compile the regex: ${failure.message}` } : {}),
        test: (actual) => (actual === null ? negated : regex !== undefined && regex.test(actual) !== negated),
      };
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const expected = String(value);
      const accept = { gt: (d: number) => d > 0, gte: (d: number) => d >= 0, lt: (d: number) => d < 0, lte: (d: number) => d <= 0 }[operator];
      return {
        ...base,
        value: expected,
        test: (actual) => {
          if (actual === null) return false;
          const diff = order(actual, expected);
          return diff !== undefined && accept(diff);
        },
      };
    }
    case 'is_set':
      return { ...base, value: '', test: (actual) => actual !== null };
    case 'is_not_set':
      return { ...base, value: '', test: (actual) => actual === null };
    default:
      return { ...base, supported: false, value: String(value), test: () => false };
  }
}

/** Compiles `operator` (default exact) against `value` (scalar or list), as `property_to_expr` does. */
export function compileComparison(operatorOrNull: string | null | undefined, value: unknown): Comparison {
  const operator = operatorOrNull || 'exact';
  if (!SUPPORTED.has(operator)) {
    return { operator, supported: false, regexIssues: [], values: [], test: () => false };
  }
  const containsFamily = operator === 'icontains' || operator === 'not_icontains';
  if (Array.isArray(value) && !(containsFamily && value.length !== 1)) {
    if (value.length === 0) return { operator, supported: true, regexIssues: [], values: [], test: () => true };
    if (value.length > 1 && (operator === 'exact' || operator === 'is_not')) {
      const expected = value.map(constantString);
      const negated = operator === 'is_not';
      // IN is false on NULL, NOT IN true (HogQL's two-valued NULL semantics).
      return { operator, supported: true, regexIssues: [], values: expected, test: (actual) => (actual === null ? negated : expected.includes(actual) !== negated) };
    }
    const parts = value.map((v) => single(operator, v));
    const all = NEGATED.has(operator);
    const serverError = parts.find((part) => part.serverError)?.serverError;
    return {
      operator,
      supported: parts.every((part) => part.supported),
      ...(serverError ? { serverError } : {}),
      regexIssues: parts.flatMap((part) => part.regexIssues),
      values: parts.map((part) => part.value),
      test: all ? (actual) => parts.every((part) => part.test(actual)) : (actual) => parts.some((part) => part.test(actual)),
    };
  }
  if (containsFamily && Array.isArray(value) && value.length > 1) {
    // multiSearchAnyCaseInsensitive(…) > 0 / = 0: plain substrings, ASCII case folding. Guess: on
    // NULL both comparisons are NULL → false (HogQL wraps `=`/`>` on a nullable side in ifNull(…, 0)).
    const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
    const needles = value.map((v) => asciiLower(String(v)));
    const negated = operator === 'not_icontains';
    return {
      operator,
      supported: true,
      regexIssues: [],
      values: value.map(String),
      test: (actual) => actual !== null && needles.some((needle) => asciiLower(actual).includes(needle)) !== negated,
    };
  }
  // icontains with an empty list formats the list itself into the pattern (`%[]%`).
  const scalar = Array.isArray(value) && value.length === 1 ? value[0] : value;
  const { value: shown, ...compiled } = single(operator, scalar);
  return { ...compiled, values: [shown] };
}
