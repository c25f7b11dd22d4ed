/**
 * PostHog's `elements_chain`: the clicked element first, `;`-separated, each element written as
 * `tag.classA.classB:` followed by its attributes as sorted `key="value"` pairs with nothing between
 * them, e.g. `button.primary:attr__class="primary"nth-child="1"nth-of-type="1"text="Buy";div:nth-child="2"nth-of-type="1"`.
 *
 * Writing follows posthog-js `elementsToString` (@posthog/browser-common autocapture-utils), which is
 * what produces almost every chain in practice; it agrees with PostHog's `elements_to_string` except
 * that its quote escaping is idempotent (an already escaped `\"` is left alone). Reading follows
 * PostHog's `chain_to_element_dicts` (posthog/models/element/element.py) regex for regex, so a chain
 * parses here exactly as the project API's element stats and matching see it — including keeping
 * escaped quotes in values as `\"` (use `unescapeChainValue` to display them).
 *
 * Pure: no DOM, shared by the extension, the overlay and the local project API.
 */

/** One element of a chain, shaped like PostHog's `ElementSerializer` output. */
export interface ChainElement {
  text: string | null;
  tag_name: string | null;
  attr_class: string[] | null;
  href: string | null;
  attr_id: string | null;
  nth_child: number | null;
  nth_of_type: number | null;
  /** `attr__*` keys (and any other unknown keys found in a chain), values as written in the chain. */
  attributes: Record<string, string>;
  /** Position in the chain, 0 = the clicked element. */
  order: number;
}

/** What `elementsToChain` needs; every field may be missing. Attribute values are stringified. */
export interface ChainElementInput {
  text?: string | null;
  tag_name?: string | null;
  attr_class?: readonly string[] | null;
  href?: string | null;
  attr_id?: string | null;
  nth_child?: number | null;
  nth_of_type?: number | null;
  attributes?: Readonly<Record<string, unknown>> | null;
}

/** Splits a chain into elements on `;`, ignoring `;` and whitespace inside quoted values (PostHog's split_chain_regex). */
const SPLIT_CHAIN = /(?:[^\s;"]|"(?:\\.|[^"])*")+/g;
/** Tag and classes before the first `:` that starts an attribute list; classes may contain `:` (split_class_attributes). */
const SPLIT_CLASS_ATTRIBUTES = /(.*?)($|:([a-zA-Z\-_0-9]*=.*))/;
/** `key="value"` pairs; a value may contain escaped characters such as `\"` (parse_attributes_regex). */
const PARSE_ATTRIBUTES = /((.*?)="((?:[^"\\]|\\.)*)")/g;

function intOrNull(value: string): number | null {
  // Python's int() accepts surrounding whitespace, a sign and digits only.
  const trimmed = value.trim();
  return /^[+-]?\d+$/.test(trimmed) ? Number.parseInt(trimmed, 10) : null;
}

function parseElement(elString: string, order: number): ChainElement {
  const element: ChainElement = {
    text: null,
    tag_name: null,
    attr_class: null,
    href: null,
    attr_id: null,
    nth_child: null,
    nth_of_type: null,
    attributes: {},
    order,
  };
  const match = SPLIT_CLASS_ATTRIBUTES.exec(elString);
  const tagPart = match?.[1] ?? '';
  const attrsPart = match?.[3];

  if (tagPart) {
    const dot = tagPart.indexOf('.');
    element.tag_name = dot === -1 ? tagPart : tagPart.slice(0, dot);
    if (dot !== -1) {
      element.attr_class = tagPart
        .slice(dot + 1)
        .split('.')
        .filter((cls) => cls !== '');
    }
  }

  if (attrsPart) {
    for (const attribute of attrsPart.matchAll(PARSE_ATTRIBUTES)) {
      const key = attribute[2] ?? '';
      const value = attribute[3] ?? '';
      switch (key) {
        case 'text':
          element.text = value;
          break;
        case 'href':
          element.href = value;
          break;
        case 'attr_id':
          element.attr_id = value;
          break;
        case 'nth-child':
          element.nth_child = intOrNull(value);
          break;
        case 'nth-of-type':
          element.nth_of_type = intOrNull(value);
          break;
        default:
          if (key) element.attributes[key] = value;
      }
    }
  }
  return element;
}

/** The chain's elements as written, clicked first: split at each `;` outside quoted values (a `style` value holds some). */
export function chainEntries(chain: string): string[] {
  return chain.match(/(?:[^;"\\]|\\.|"(?:\\.|[^"\\])*")+/g) ?? [];
}

/** Parses an elements chain exactly as PostHog's `chain_to_element_dicts` does. */
export function parseElementsChain(chain: string): ChainElement[] {
  const parts = chain.match(SPLIT_CHAIN) ?? [];
  return parts.map((part, index) => parseElement(part, index));
}

/** posthog-js escapeQuotes: `"` becomes `\"`, an already escaped `\"` stays as it is. */
export function escapeChainValue(value: string): string {
  return value.replace(/"|\\"/g, '\\"');
}

/** Turns a value read from a chain back into the original text (`\"` → `"`). */
export function unescapeChainValue(value: string): string {
  return value.replace(/\\"/g, '"');
}

// Code-unit order, as posthog-js lexicalCompare and Python's sorted() (not localeCompare).
function lexicalCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);
/** `escapeChainValue`, without a regex pass over the (long: text, style) values that hold no quote. */
const escaped = (value: string) => (value.includes('"') ? escapeChainValue(value) : value);
const pair = (key: string, value: string) => `${escaped(key)}="${escaped(value)}"`;
const isSorted = (keys: readonly string[]) => keys.every((key, i) => i === 0 || lexicalCompare(keys[i - 1]!, key) < 0);
const NO_ATTRIBUTES: Readonly<Record<string, unknown>> = {};

/**
 * One element, as posthog-js writes it: `{text?, nth-child, nth-of-type, href?, attr_id?,
 * ...attributes}` (an attribute of the same name wins), sorted by key. Written without the
 * intermediate object, merging the fixed keys into attributes that are already sorted (as a parsed
 * chain's are), and escaping only values that hold a quote: the click stats mapping writes a chain
 * for each of thousands of rows, ~40 elements deep on news pages.
 */
function elementToString(element: ChainElementInput): string {
  let out = element.tag_name ? element.tag_name : '';
  if (element.attr_class) {
    const classes = element.attr_class.length > 1 ? [...element.attr_class].sort(lexicalCompare) : element.attr_class;
    for (const cls of classes) out += `.${cls.includes('"') ? cls.replace(/"/g, '') : cls}`;
  }
  const attributes = element.attributes ?? NO_ATTRIBUTES;
  // In key order: attr_id < href < nth-child < nth-of-type < text.
  const fixed: Array<[string, string]> = [];
  if (element.attr_id && !hasOwn(attributes, 'attr_id')) fixed.push(['attr_id', element.attr_id]);
  if (element.href && !hasOwn(attributes, 'href')) fixed.push(['href', element.href]);
  if (!hasOwn(attributes, 'nth-child')) fixed.push(['nth-child', String(element.nth_child ?? 0)]);
  if (!hasOwn(attributes, 'nth-of-type')) fixed.push(['nth-of-type', String(element.nth_of_type ?? 0)]);
  if (element.text && !hasOwn(attributes, 'text')) fixed.push(['text', element.text]);
  const keys = Object.keys(attributes);
  out += ':';
  if (!isSorted(keys)) {
    const pairs = [...fixed, ...keys.map((key): [string, string] => [key, String(attributes[key])])];
    pairs.sort((a, b) => lexicalCompare(a[0], b[0]));
    for (const [key, value] of pairs) out += pair(key, value);
    return out;
  }
  let f = 0;
  for (const key of keys) {
    while (f < fixed.length && lexicalCompare(fixed[f]![0], key) < 0) out += pair(fixed[f]![0], fixed[f++]![1]);
    out += pair(key, String(attributes[key]));
  }
  while (f < fixed.length) out += pair(fixed[f]![0], fixed[f++]![1]);
  return out;
}

/** Writes elements as a chain, byte for byte as posthog-js `getElementsChainString` does. */
export function elementsToChain(elements: readonly ChainElementInput[]): string {
  return elements.map(elementToString).join(';');
}

/** An element as posthog-js sends it in `properties.$elements` (autocapture with `elementsChainAsString` off). */
export type SdkElement = Readonly<Record<string, unknown>>;

function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : String(value);
}

function optionalNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

function splitClassString(value: string): string[] {
  const trimmed = value.trim();
  return trimmed ? trimmed.split(/\s+/) : [];
}

function sdkClasses(value: unknown): string[] | undefined {
  if (!value) return undefined;
  if (Array.isArray(value)) return value.map((cls) => String(cls));
  return splitClassString(String(value));
}

/**
 * posthog-js `$elements` entries (`tag_name`, `$el_text`, `attr__class`, `attr__id`, `attr__href`,
 * `nth_child`, `nth_of_type`, `attr__*`) → chain elements, as posthog-js `extractElements` and
 * PostHog ingestion do (text cut at 400 characters, href at 2048).
 */
export function sdkElementsToChainElements(elements: readonly SdkElement[]): ChainElement[] {
  return elements.map((el, order) => {
    const attributes: Record<string, string> = {};
    for (const [key, value] of Object.entries(el)) {
      if (key.startsWith('attr__') && value !== undefined && value !== null) attributes[key] = String(value);
    }
    return {
      text: optionalString(el['$el_text'])?.slice(0, 400) ?? null,
      tag_name: optionalString(el['tag_name']) ?? null,
      href: optionalString(el['attr__href'])?.slice(0, 2048) ?? null,
      attr_class: sdkClasses(el['attr__class']) ?? null,
      attr_id: optionalString(el['attr__id']) ?? null,
      nth_child: optionalNumber(el['nth_child']) ?? null,
      nth_of_type: optionalNumber(el['nth_of_type']) ?? null,
      attributes,
      order,
    };
  });
}

/** `properties.$elements` → chain string, the conversion PostHog ingestion applies when no `$elements_chain` was sent. */
export function sdkElementsToChain(elements: readonly SdkElement[]): string {
  return elementsToChain(sdkElementsToChainElements(elements));
}
