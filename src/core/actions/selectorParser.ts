/**
 * PostHog's action selector parser (`Selector` / `SelectorPart`, PR #83169 — see
 * `posthogReference.ts`), ported statement for statement because the server's matching depends
 * on its quirks, not on CSS. This is deliberately not a CSS parser (`css-what` would parse
 * selectors correctly, which is exactly what the server does not do):
 *
 * - It splits on spaces only (outside `[…]`), so `div>a` is one part whose "tag" is `div>a`.
 * - `> * > ` and `> *` are deleted before parsing, `\:` becomes `:`; no other CSS escape is undone.
 * - One attribute per part, found with a greedy regex: `[a="1"][b="2"]` becomes one attribute named
 *   `a="1"][b`, and `tag.class[k="v"]` keeps only the letters right before `[` as the tag
 *   (`button.primary[type="submit"]` has tag `primary`, and its class is lost).
 * - `:nth-child(n)` is read (anything between the parentheses, `:nth-child(2n+1)` included); every
 *   other pseudo-class stays in the tag or class name, where no element will ever have it.
 * - Classes are split on `.` outside `[…]` (Tailwind's `w-[0.5rem]` survives); `#id` takes what is
 *   between the first and the second `#`.
 */

/** One compound part of a selector, as `SelectorPart` holds it. */
export interface SelectorPart {
  /** The part's text as split from the selector (after the server's rewrites). */
  source: string;
  /** Set on an *ancestor* part whose child combinator `>` follows it (the server appends `.*` after it). */
  directDescendant: boolean;
  tagName?: string;
  classes?: string[];
  attrId?: string;
  nthChild?: string;
  /** `attributes__attr__<key>` entries of `SelectorPart.data`, in insertion order. */
  attributes: Array<[string, string]>;
  /** `SelectorPart.ch_attributes`: what the regex checks as `key="value"`, in insertion order. */
  chAttributes: Map<string, string>;
  /** `len(SelectorPart.data)`. */
  dataKeyCount: number;
}

export interface ParsedSelector {
  /** Clicked element first: the reverse of the order written. */
  parts: SelectorPart[];
}

/** The server raises while parsing (e.g. `nth-child(` without the colon): the query fails. */
export class SelectorCompileError extends Error {}

/** `SELECTOR_ATTRIBUTE_REGEX`; Python's `.` stops only at `\n`. */
export const SELECTOR_ATTRIBUTE = /([a-zA-Z]*)\[([^\n]*)=['|"]([^\n]*)['|"]\]/;
/** Dots that are not inside `[…]` (Tailwind arbitrary values). */
const CLASS_DOT = /\.(?![^\[]*\])/;
/** Python's `str.isspace()` characters, which `str.strip()` removes. */
const PYTHON_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PYTHON_STRIP = new RegExp(`^[${PYTHON_SPACE}]+|[${PYTHON_SPACE}]+$`, 'g');

function parsePart(text: string, directDescendant: boolean): SelectorPart {
  const data = new Map<string, unknown>();
  const chAttributes = new Map<string, string>();
  const attributes: Array<[string, string]> = [];
  let tag = text;

  const result = SELECTOR_ATTRIBUTE.exec(tag);
  if (result && tag.includes('[id=')) {
    data.set('attr_id', result[3]);
    chAttributes.set('attr_id', result[3] ?? '');
    tag = result[1] ?? '';
  }
  if (result && tag.includes('[')) {
    const key = result[2] ?? '';
    data.set(`attributes__attr__${key}`, result[3]);
    attributes.push([key, result[3] ?? '']);
    chAttributes.set(key, result[3] ?? '');
    tag = result[1] ?? '';
  }
  if (tag.includes('nth-child(')) {
    const pieces = tag.split(':nth-child(');
    if (pieces.length < 2) throw new SelectorCompileError(`"${text}": nth-child( without a preceding colon makes the server fail (IndexError)`);
    const nth = (pieces[1] as string).replaceAll(')', '');
    data.set('nth_child', nth);
    chAttributes.set('nth-child', nth);
    tag = pieces[0] as string;
  }
  if (tag.includes('.')) {
    const pieces = tag.split(CLASS_DOT);
    data.set('attr_class__contains', pieces.slice(1));
    tag = pieces[0] as string;
  }
  if (tag.includes('#')) {
    const pieces = tag.split('#');
    data.set('attr_id', pieces[1]);
    chAttributes.set('attr_id', pieces[1] as string);
    tag = pieces[0] as string;
  }
  if (tag) data.set('tag_name', tag);

  const part: SelectorPart = { source: text, directDescendant, attributes, chAttributes, dataKeyCount: data.size };
  const tagName = data.get('tag_name');
  const classes = data.get('attr_class__contains');
  const attrId = data.get('attr_id');
  const nthChild = data.get('nth_child');
  if (typeof tagName === 'string') part.tagName = tagName;
  if (Array.isArray(classes)) part.classes = classes as string[];
  if (typeof attrId === 'string') part.attrId = attrId;
  if (typeof nthChild === 'string') part.nthChild = nthChild;
  return part;
}

/** `Selector._split`: split on spaces outside `[…]` (a `[` or `]` inside quotes does not count). */
function splitParts(selector: string): string[] {
  const out: string[] = [];
  let inAttribute = false;
  let quote: string | undefined;
  let part = '';
  for (const ch of selector) {
    if (ch === '[' && quote === undefined) inAttribute = true;
    if (ch === ']' && quote === undefined) inAttribute = false;
    if (ch === '"' || ch === "'") {
      if (quote !== undefined) {
        if (quote === ch) quote = undefined;
      } else {
        quote = ch;
      }
    }
    if (ch === ' ' && !inAttribute) {
      out.push(part);
      part = '';
    } else {
      part += ch;
    }
  }
  out.push(part);
  return out;
}

/** The selector's parts as the server sees them. Throws `SelectorCompileError` where the server raises. */
export function parseSelector(selector: string): ParsedSelector {
  const normalized = selector.replaceAll('> * > ', '').replaceAll('> *', '').replaceAll('\\:', ':').replace(PYTHON_STRIP, '');
  const tokens = splitParts(normalized).reverse();
  const parts: SelectorPart[] = [];
  tokens.forEach((token, index) => {
    if (token === '>' || token === '') return;
    const directDescendant = index > 0 && tokens[index - 1] === '>';
    parts.push(parsePart(token, directDescendant));
  });
  return { parts };
}
