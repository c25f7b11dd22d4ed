/**
 * Which ids, classes and attributes a selector may rely on: the ones a developer wrote and keeps,
 * not the ones a framework, a CSS-in-JS library or the page's state puts there and changes on the
 * next build, render or click. Heuristics over the names only (no DOM), each family named after the
 * tool that produces it, so a wrong verdict can be traced to one rule.
 */

/** The project's data attributes, tried first (PostHog's "data attributes" team setting defaults to `data-attr`). */
export const DEFAULT_DATA_ATTRIBUTES: readonly string[] = ['data-attr', 'data-testid', 'data-test', 'data-cy', 'data-ph-capture-attribute-*'];

/** A configured name matches itself, or every name it starts with when it ends in `*`. */
export function isDataAttribute(name: string, dataAttributes: readonly string[] = DEFAULT_DATA_ATTRIBUTES): boolean {
  return dataAttributes.some((pattern) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern));
}

/**
 * What the selector can write without a CSS escape: the server undoes none (only `\:`), so a name
 * that needs one can never match there. ASCII identifiers only; `--x` and `-1` need escapes or are
 * not identifiers.
 */
const CSS_IDENTIFIER = /^-?[A-Za-z_][A-Za-z0-9_-]*$/;

export function isPlainIdentifier(name: string): boolean {
  return CSS_IDENTIFIER.test(name);
}

/**
 * An attribute value the selector can quote as is: no quote, backslash or newline (CSS would need an
 * escape, the server's chain escapes `"`), no `[`, `]` or `|` (the server finds `[k="v"]` with a greedy
 * regex whose quote class is `['|"]`), no `> *` (deleted before parsing), and not too long (the SDK
 * cuts attribute values at 1,024 characters; long values make long selectors).
 */
export function isQuotableValue(value: string): boolean {
  return value.length > 0 && value.length <= 300 && !/["'\\\n\r\f\[\]|]/.test(value) && !value.includes('> *') && value.trim() === value;
}

export type IdVerdict = 'stable' | 'generated' | 'unusable';

/** Segments between `-`, `_`, `:` and `.`. */
function segments(name: string): string[] {
  return name.split(/[-_:.]+/).filter((segment) => segment !== '');
}

/** A segment that looks drawn at random: letters and at least two digits mixed, or long hex. */
function looksRandom(segment: string): boolean {
  const digits = segment.replace(/\D/g, '').length;
  const letters = segment.length - digits;
  if (segment.length >= 5 && digits >= 2 && letters >= 2) return true;
  if (segment.length >= 8 && /^[0-9a-f]+$/i.test(segment) && digits >= 1) return true;
  // Mixed case in the middle of a word (`GhIjKl`, `xK9aQ`): no author writes that by hand.
  return segment.length >= 5 && /[a-z][A-Z].*[A-Z]/.test(segment) && /[A-Z][a-z]?[A-Z]/.test(segment);
}

/** Framework-made id families, each with the tool that makes it. */
const GENERATED_ID: readonly RegExp[] = [
  /:/, // React 18 useId (`:r1:`, `:R3f9k:`), and everything derived from it (`radix-:r0:`, `headlessui-menu-button-:r5:`)
  /[«»]/, // React 19.1 useId (`«r1»`)
  /(^|[-_])_?r_[0-9a-z]+_($|[-_])/i, // React 19.2 useId (`_r_1_`)
  /^(radix|headlessui|react-aria|rc-[a-z]+|downshift|react-select|mui|ember|yui_|ext-gen|ext-comp|gwt-uid|ui-id|ui-accordion|select2|vs|tippy|tooltip|popover|chakra|mantine|reach|ngb|mat-|cdk-|p-|el-|ant-|__nuxt-ssr|floating-ui)\b.*\d/i, // component libraries' counters
  /^\d/, // starts with a digit: numeric and counter ids (also not a CSS identifier)
  /\d{4,}/, // a long number: database keys, timestamps, counters
];

/**
 * `stable` ids are written by hand; `generated` ones change with the render order or the build;
 * `unusable` ones need a CSS escape (the server cannot match them).
 */
export function idVerdict(id: string): IdVerdict {
  if (GENERATED_ID.some((pattern) => pattern.test(id))) return 'generated';
  if (segments(id).some(looksRandom)) return 'generated';
  if (!isPlainIdentifier(id)) return 'unusable';
  return 'stable';
}

export type ClassVerdict = 'stable' | 'hashed' | 'state' | 'utility' | 'unusable';

/** Class names that a build step derives from a hash of the styles or the file. */
const HASHED_CLASS: readonly RegExp[] = [
  /^css-[a-z0-9]+(-|$)/, // emotion (`css-1x2y3z`, `css-1d8eb3m-MuiSvgIcon-root`)
  /^e[a-z0-9]{5,9}\d$/, // emotion component target classes (`enws0fim0`)
  /^[A-Za-z][A-Za-z0-9-]*_[A-Za-z0-9-]+__[A-Za-z0-9_-]{5}$/, // CSS modules `[name]_[local]__[hash:5]` (`Button_primary__3xK9a`)
  /^_[A-Za-z0-9_-]{5,}$/, // CSS modules in production (`_3xK9a`)
  /^sc-[A-Za-z0-9]+$/, // styled-components component ids (`sc-AbCdEf`)
  /^svelte-[a-z0-9]+$/, // Svelte scoped styles
  /^jsx-\d+$/, // styled-jsx
  /^astro-[A-Za-z0-9]+$/, // Astro scoped styles
  /^ng-tns-/, // Angular animations
  /^tw-[a-z0-9]{5,}$/,
];

/** Classes that say what state the element is in, toggled by scripts as the user acts. */
const STATE_WORDS = new Set([
  'active', 'current', 'selected', 'open', 'opened', 'closed', 'show', 'shown', 'hide', 'hidden', 'visible', 'invisible',
  'focus', 'focused', 'hover', 'hovered', 'pressed', 'checked', 'disabled', 'enabled', 'expanded', 'collapsed', 'collapse',
  'in', 'fade', 'loading', 'loaded', 'ready', 'done', 'error', 'invalid', 'valid', 'dirty', 'pristine', 'touched', 'untouched',
  'highlighted', 'highlight', 'on', 'off', 'sticky', 'stuck', 'scrolled', 'animating', 'entering', 'leaving', 'dragging',
]);

function isStateClass(name: string): boolean {
  const lower = name.toLowerCase();
  if (STATE_WORDS.has(lower)) return true;
  if (/^(is|has|was|js)-/.test(lower)) return true; // `is-active`, `has-focus`, and `js-` hooks toggled with state
  if (/^mui-[a-z]+$/.test(lower)) return true; // MUI state classes (`Mui-selected`, `Mui-focusVisible`)
  if (/^ng-(star-inserted|untouched|touched|pristine|dirty|valid|invalid|pending|animating|hide|enter|leave)/.test(lower)) return true; // Angular
  if (/^(v|vue)-(enter|leave)/.test(lower)) return true; // Vue transitions
  // BEM and suffix modifiers (`tab--active`, `menu_open`, `item-selected`, `current-menu-item` from WordPress)
  const words = lower.split(/--|__|[-_]/);
  if (words.length > 1 && STATE_WORDS.has(words[words.length - 1] as string) && !['in', 'on', 'off', 'done', 'ready', 'error', 'valid'].includes(words[words.length - 1] as string)) return true;
  return /^current[-_]/.test(lower);
}

/** Tailwind (and Bootstrap-style) utility classes: they describe looks, repeat everywhere and change with every restyle. */
const UTILITY_PREFIX =
  /^-?(m|p)[trblxyse]?-|^-?(inset|top|right|bottom|left|start|end|z|order|gap|space-[xy]|translate-[xy]|scale|rotate|skew)-|^(w|h|min-w|max-w|min-h|max-h|size|basis|grow|shrink|flex|grid-cols|grid-rows|col-span|row-span|col-start|row-start|col-end|row-end|items|justify|self|place|content|text|font|leading|tracking|bg|from|via|to|border|divide|outline|ring|shadow|rounded|opacity|fill|stroke|decoration|underline-offset|line-clamp|overflow|overscroll|whitespace|break|object|aspect|cursor|pointer-events|transition|duration|ease|delay|animate|blur|backdrop|d|float|clear|align|auto-cols|auto-rows|accent|caret|snap|touch|will-change|tabular)-|^col-(xs|sm|md|lg|xl|xxl|\d)|^(list|select)-(none|disc|decimal|inside|outside|text|all|auto)$/;
/** Tailwind utilities that are a single word. */
const UTILITY_WORDS = new Set([
  'flex', 'grid', 'block', 'inline', 'inline-block', 'inline-flex', 'inline-grid', 'contents', 'hidden', 'table', 'isolate', 'container',
  'static', 'fixed', 'absolute', 'relative', 'sticky', 'visible', 'invisible', 'truncate', 'italic', 'not-italic', 'uppercase', 'lowercase',
  'capitalize', 'normal-case', 'underline', 'no-underline', 'line-through', 'antialiased', 'subpixel-antialiased', 'sr-only', 'not-sr-only',
  'grow', 'shrink', 'border', 'rounded', 'shadow', 'outline', 'ring', 'transition', 'transform', 'filter', 'tabular-nums', 'ordinal',
]);

function isUtilityClass(name: string): boolean {
  // Variants (`hover:bg-x`, `sm:w-12`), arbitrary values (`min-w-[12rem]`, `[&>svg]:size-5`), fractions and opacity (`text-sm/6`, `w-1/2`), important (`!mt-0`).
  if (/[:\[\]/!@]/.test(name)) return true;
  return UTILITY_WORDS.has(name) || UTILITY_PREFIX.test(name);
}

/**
 * `stable` classes name a component or role and survive a deploy; the others are hashed by a build
 * step, toggled with state, utility soup, or need a CSS escape.
 */
export function classVerdict(name: string): ClassVerdict {
  if (HASHED_CLASS.some((pattern) => pattern.test(name))) return 'hashed';
  if (isUtilityClass(name)) return 'utility';
  if (!isPlainIdentifier(name)) return 'unusable';
  if (isStateClass(name)) return 'state';
  if (segments(name).some(looksRandom) || /\d{5,}/.test(name)) return 'hashed';
  return 'stable';
}

/**
 * Attributes other than data attributes that name what an element is for, in the order tried:
 * they tell rows and links apart where classes cannot (a link's `href`, a field's `name`).
 * State (`aria-expanded`, `data-state`), styling and script attributes are never used.
 */
export const MEANINGFUL_ATTRIBUTES: readonly string[] = ['name', 'for', 'aria-label', 'href', 'title', 'placeholder', 'alt', 'role', 'type'];

/** React's useId in its four dialects (`:r1:`, `:R3f9k:`, `«r1»`, `_r_1_`), also inside longer values (`radix-:r0:-content`). */
const REACT_ID = /:[rR][0-9a-zA-Z]*:|«[rR][0-9a-zA-Z]*»|(^|[-_\s])_r_[0-9a-z]+_/;

/** A value of an attribute that may change between builds or renders: generated ids (`aria-controls=":r1:"`) and the like. */
export function isStableAttributeValue(value: string): boolean {
  return isQuotableValue(value) && !REACT_ID.test(value);
}
