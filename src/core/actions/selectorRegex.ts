import { type ParsedSelector, parseSelector, SelectorCompileError } from './selectorParser';

/**
 * `build_selector_regex` (PR #83169, see `posthogReference.ts`): a selector becomes one regular
 * expression over the elements chain (clicked element first, `;`-separated). Byte for byte the
 * string PostHog's API returns as `selector_regex`. How it reads, and why it is not CSS:
 *
 * - Every part is `tag` + `.*?\.classA\..*?classB` + `.*?key="value".*?` + the tail
 *   `[^;]*?($|;|:([^;^\s]*(;|$|\s)))`, and the whole starts with `(^|;)`: the first part may match
 *   **any** element of the chain, not only the clicked one.
 * - The tail lets a tag or class be a **prefix**: `button` matches `buttonx`, `.prim` matches
 *   `primary`.
 * - The next part is appended right after the tail, so a part that starts with a bare tag must be
 *   the **direct parent** — even for a space (descendant) combinator. A part that starts with a class,
 *   id or attribute starts with `.*?`, which crosses `;`: it may skip any number of elements, even
 *   after `>` (the `.*` the server appends for `>` enforces nothing).
 * - The tail's `:…\s` branch ends an element at a space inside its attributes, so a following
 *   bare tag can be matched by a word in the element's text (`div > button` matches a button whose
 *   text is "pay div now").
 * - `.*?` before attributes crosses `;` too: `[k="v"]` can be satisfied by an ancestor, and by
 *   `data-k="v"` (the regex looks for `k="v"` anywhere, `attr__data-k="v"` contains it).
 */

/** Python's `re.escape` (3.7+): a backslash before each of these, and nothing else. */
const PYTHON_RE_SPECIAL = new Set('()[]{}?*+-|^$\\.&~# \t\n\r\v\f');

export function pythonReEscape(value: string): string {
  let out = '';
  for (const ch of value) out += PYTHON_RE_SPECIAL.has(ch) ? `\\${ch}` : ch;
  return out;
}

/** Python's `sorted()` on strings: code point order (JavaScript's `<` compares UTF-16 units). */
export function codePointCompare(a: string, b: string): number {
  const left = [...a];
  const right = [...b];
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = (left[i] as string).codePointAt(0)! - (right[i] as string).codePointAt(0)!;
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

/**
 * `_chain_escaped_value`: the chain writes `"` inside a value as `\"`; a selector may write it
 * pre-escaped (`[title="say \"hi\""]`) or bare in single quotes (`[title='say "hi"']`).
 */
export function chainEscapedValue(value: string): string {
  return value.replaceAll('\\"', '"').replaceAll('"', '\\"');
}

/** The tail every part ends with. */
export const PART_TAIL = '[^;]*?($|;|:([^;^\\s]*(;|$|\\s)))';

/** `build_selector_regex` on a parsed selector; '' when the selector has no parts. */
export function buildSelectorRegex(selector: ParsedSelector): string {
  let regex = '';
  for (const part of selector.parts) {
    if (part.tagName && part.tagName !== '*') regex += pythonReEscape(part.tagName);
    if (part.classes && part.classes.length > 0) {
      regex += `.*?\\.${[...part.classes].sort(codePointCompare).map(pythonReEscape).join('\\..*?')}`;
    }
    if (part.chAttributes.size > 0) {
      regex += '.*?';
      for (const [key, value] of [...part.chAttributes].sort(([a], [b]) => codePointCompare(a, b))) {
        regex += `${pythonReEscape(key)}="${pythonReEscape(chainEscapedValue(value))}".*?`;
      }
    }
    regex += PART_TAIL;
    if (part.directDescendant) regex += '.*';
  }
  return regex ? `(^|;)${regex}` : '';
}

/**
 * `selector_regex` exactly as the API serializes it (`ActionStepJSONSerializer.get_selector_regex`):
 * null for a missing or empty selector and for one the server fails to parse, '' for a selector
 * with no parts (only spaces or `>`).
 */
export function selectorRegex(selector: string | null | undefined): string | null {
  if (!selector) return null;
  try {
    return buildSelectorRegex(parseSelector(selector));
  } catch (error) {
    if (error instanceof SelectorCompileError) return null;
    throw error;
  }
}
