import type { CandidateIndex } from './candidateIndex';
import { chainEntries } from './elementsChain';
import { selectorQuality, type SelectorQuality } from './selectorQuality';
import { type SelectorCounts, SelectorScope } from './selectorScope';
import {
  classVerdict,
  DEFAULT_DATA_ATTRIBUTES,
  idVerdict,
  isDataAttribute,
  isPlainIdentifier,
  isQuotableValue,
  isStableAttributeValue,
  MEANINGFUL_ATTRIBUTES,
} from './selectorStability';

/**
 * The selector engine: DOM in, selector out. It writes only what PostHog's server matches (tag,
 * `.class`, `#id`, `[attr="v"]`, `:nth-child(n)`, descendant and child combinators; see
 * `core/actions/selectorParser.ts` for how the server reads them) and keeps a selector only when it
 * singles the element out both as CSS and on the server, where it is a regular expression over every
 * candidate's click chain with prefix matching — so every attempt is counted, never assumed.
 *
 * Preference, most stable first: the project's data attributes, a hand-written id, stable classes,
 * attributes that say what the element is for (`name`, `href`, `aria-label`…), the same anchored on
 * a stable ancestor, and only then structure (`:nth-child`), placed as high up as it can go (on the
 * row rather than the button) so that changes inside a row do not break it. When none of that is
 * unique, the last resorts (`lastResorts`): generated ids, state attributes and hashed classes, then
 * the whole path written so that the server cannot skip levels — a fragile unique selector beats
 * none. Null only for the element's twins (`CandidateIndex.twinsOf`) and when the capped search fails.
 */

export interface BuildSelectorOptions {
  /** Attribute names tried first; a trailing `*` matches a prefix. Default `DEFAULT_DATA_ATTRIBUTES`. */
  dataAttributes?: readonly string[];
  /** Every candidate's chain, computed once for the page; built from the element's document when missing. */
  index?: CandidateIndex;
}

export interface SelectorCandidate {
  selector: string;
  quality: SelectorQuality;
  /** In plain words: "fragile because it uses :nth-child(3)". */
  reasons: string[];
  cssCount: number;
  serverCount: number;
  uniqueAsCss: boolean;
  uniqueOnServer: boolean;
}

/** One compound selector for one element, and why it can be relied on. */
interface Piece {
  text: string;
  /** What it relies on, for the verdict's reasons. */
  basis: string;
}

/** Tags the server reads (`[a-zA-Z]` before `[` for `tag[attr]`, any identifier otherwise) and CSS matches as written. */
function tagOf(element: Element): string | undefined {
  const tag = element.localName;
  return /^[a-z][a-z0-9-]*$/.test(tag) ? tag : undefined;
}

/** Attribute names CSS takes unescaped, and the server reads as one key. */
const ATTRIBUTE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function attributePieces(pairs: ReadonlyArray<{ name: string; value: string }>, tag: string | undefined, withTag: boolean): Piece[] {
  const pieces: Piece[] = [];
  for (const { name, value } of pairs) {
    if (!ATTRIBUTE_NAME.test(name) || !isStableAttributeValue(value)) continue;
    const text = `[${name}="${value}"]`;
    pieces.push({ text, basis: `the attribute ${name}` });
    // `tag[attr]` only with a tag of letters: the server keeps the letters right before `[` as the tag.
    if (withTag && tag && /^[a-z]+$/.test(tag)) pieces.push({ text: `${tag}${text}`, basis: `the attribute ${name}` });
  }
  return pieces;
}

function stableClasses(element: Element): string[] {
  return [...element.classList].filter((name) => classVerdict(name) === 'stable');
}

/**
 * The element's own compound selectors, most stable first. `withTag` adds each with the tag in
 * front (narrower on the server, where `.btn` also matches `btn-danger`, and where a named
 * `a`/`button`/`input`… must be among the chain's elements).
 */
function ownPieces(element: Element, scope: SelectorScope, dataAttributes: readonly string[], withTag: boolean): Piece[] {
  const tag = tagOf(element);
  const pieces: Piece[] = [];
  pieces.push(...attributePieces([...element.attributes].filter(({ name }) => isDataAttribute(name, dataAttributes)), tag, withTag));
  const id = element.getAttribute('id');
  if (id && idVerdict(id) === 'stable') {
    pieces.push({ text: `#${id}`, basis: `the id ${id}` });
    // `tag#id`, never `tag.class#id`: the server splits classes before ids, so the id would become part of a class.
    if (withTag && tag) pieces.push({ text: `${tag}#${id}`, basis: `the id ${id}` });
  }
  const classes = stableClasses(element)
    .map((name) => ({ name, count: scope.cssCount(`.${name}`) }))
    .sort((a, b) => a.count - b.count)
    .map(({ name }) => name);
  for (const name of classes.slice(0, 3)) {
    pieces.push({ text: `.${name}`, basis: `the class ${name}` });
    if (withTag && tag) pieces.push({ text: `${tag}.${name}`, basis: `the class ${name}` });
  }
  if (classes.length >= 2) {
    const pair = `.${classes[0]}.${classes[1]}`;
    pieces.push({ text: pair, basis: `the classes ${classes[0]} and ${classes[1]}` });
    if (withTag && tag) pieces.push({ text: `${tag}${pair}`, basis: `the classes ${classes[0]} and ${classes[1]}` });
  }
  for (const name of MEANINGFUL_ATTRIBUTES) {
    const value = element.getAttribute(name);
    if (value !== null) pieces.push(...attributePieces([{ name, value }], tag, withTag));
  }
  if (withTag && tag) pieces.push({ text: tag, basis: `the tag ${tag}` });
  return pieces;
}

/** Ancestors inside the element's root, nearest first, `html` and `body` left out (they single nothing out). */
function ancestorsOf(element: Element): Element[] {
  const out: Element[] = [];
  for (let node = element.parentElement; node; node = node.parentElement) {
    if (node.localName === 'html' || node.localName === 'body') break;
    out.push(node);
  }
  return out;
}

/** Tag-less anchors: on the server a part that starts with a tag must be the direct parent; these may sit any number of levels up, as in CSS. */
function anchorPieces(element: Element, scope: SelectorScope, dataAttributes: readonly string[]): Piece[] {
  return ownPieces(element, scope, dataAttributes, false).filter((piece) => !piece.basis.startsWith('the attribute role') && !piece.basis.startsWith('the attribute type'));
}

const MAX_ANCESTORS = 12;
const MAX_ANCHORS_PER_ANCESTOR = 3;

function position(element: Element): number {
  let n = 1;
  for (let sibling = element.previousElementSibling; sibling; sibling = sibling.previousElementSibling) n++;
  return n;
}

/** Siblings (the element included) that `piece` selects. */
function siblingsMatching(element: Element, piece: string): number {
  const parent = element.parentNode;
  if (!parent) return 1;
  let count = 0;
  for (const child of (parent as ParentNode).children) if (child.matches(piece)) count++;
  return count;
}

/**
 * A compound for one level of a structural path, unique among the element's siblings: for the
 * element, its most stable piece that is; for an ancestor, its tag when that is enough, else an
 * anchor, else the tag and its position. `precise` leaves out bare tags: on the server every
 * condition (`.*?`) lets the following parts float up the chain, so a bare tag above one pins
 * nothing down, while a position or class at each level spells out a sequence that only this
 * element's chain contains.
 */
function structuralPiece(element: Element, scope: SelectorScope, dataAttributes: readonly string[], isTarget: boolean, precise: boolean): Piece {
  const tag = tagOf(element);
  const bare = tag ? [{ text: tag, basis: `the tag ${tag}` }] : [];
  const features = isTarget ? ownPieces(element, scope, dataAttributes, true).filter((piece) => piece.text !== tag) : anchorPieces(element, scope, dataAttributes);
  const pieces = precise ? features : isTarget ? [...features, ...bare] : [...bare, ...features];
  for (const piece of pieces) if (siblingsMatching(element, piece.text) === 1) return piece;
  const at = position(element);
  // An ancestor's position is written without its tag: the position belongs to whatever holds
  // that place, so a wrapper added around the ancestor (which then holds the place) keeps the
  // selector true as CSS, where `li:nth-child(3)` would no longer find an li there.
  return { text: `${isTarget ? (tag ?? '') : ''}:nth-child(${at})`, basis: `its position (${at}) among its siblings` };
}

/** Selector texts in the order they are worth trying; each is checked by the caller. */
function* attempts(scope: SelectorScope, dataAttributes: readonly string[]): Generator<Attempt> {
  const element = scope.element;
  const own = ownPieces(element, scope, dataAttributes, true);
  for (const piece of own) yield { selector: piece.text, bases: [piece.basis] };

  // Anchored: the first own piece that is unique inside the ancestor, under the ancestor's anchors.
  const ancestors = ancestorsOf(element).slice(0, MAX_ANCESTORS);
  for (const ancestor of ancestors) {
    const inside = own.find((piece) => ancestor.querySelectorAll(piece.text).length === 1);
    if (!inside) continue;
    for (const anchor of anchorPieces(ancestor, scope, dataAttributes).slice(0, MAX_ANCHORS_PER_ANCESTOR)) {
      yield { selector: `${anchor.text} ${inside.text}`, bases: [anchor.basis, inside.basis] };
    }
  }

  // Structure: levels that are each unique among their siblings, from the element upwards, joined
  // with spaces: on the server a part that starts with a tag is then the direct parent (a `>` would
  // let it float, and add a wildcard); CSS reads a space more loosely, which the count checks.
  for (const precise of [false, true]) {
    const levels: Piece[] = [];
    for (let node: Element | null = element; node && node.localName !== 'html' && node.localName !== 'body'; node = node.parentElement) {
      if (precise && node !== element) {
        // A stable anchor that is unique on the page ends the path.
        const top = anchorPieces(node, scope, dataAttributes).find((piece) => scope.cssCount(piece.text) === 1);
        if (top) {
          yield { selector: [top, ...levels].map((level) => level.text).join(' '), bases: [top, ...levels].map((level) => level.basis) };
          break;
        }
      }
      levels.unshift(structuralPiece(node, scope, dataAttributes, node === element, precise));
      yield { selector: levels.map((level) => level.text).join(' '), bases: levels.map((level) => level.basis) };
    }
  }
}

/**
 * What the stable pieces leave out: any id, hashed, state and utility classes the server can read,
 * and every other attribute (state ones such as `data-state` and `aria-controls` included). Only
 * tried when nothing stable singles the element out; `selectorQuality` says why the result is fragile.
 */
function fragilePieces(element: Element): Piece[] {
  const tag = tagOf(element);
  const pieces: Piece[] = [];
  const id = element.getAttribute('id');
  if (id !== null && isQuotableValue(id) && idVerdict(id) !== 'stable') {
    pieces.push({ text: `[id="${id}"]`, basis: `the id ${id}` });
    if (tag && /^[a-z]+$/.test(tag)) pieces.push({ text: `${tag}[id="${id}"]`, basis: `the id ${id}` });
  }
  for (const { name, value } of element.attributes) {
    if (name === 'id' || name === 'class' || name === 'style' || !ATTRIBUTE_NAME.test(name) || !isQuotableValue(value)) continue;
    if (isStableAttributeValue(value) && (MEANINGFUL_ATTRIBUTES.includes(name) || isDataAttribute(name))) continue;
    pieces.push({ text: `[${name}="${value}"]`, basis: `the attribute ${name}` });
    if (tag && /^[a-z]+$/.test(tag)) pieces.push({ text: `${tag}[${name}="${value}"]`, basis: `the attribute ${name}` });
  }
  for (const name of element.classList) {
    if (!isPlainIdentifier(name) || classVerdict(name) === 'stable') continue;
    pieces.push({ text: `.${name}`, basis: `the class ${name}` });
    if (tag) pieces.push({ text: `${tag}.${name}`, basis: `the class ${name}` });
  }
  return pieces;
}

/**
 * The last resort, when nothing stable or positional above singled the element out: its whole path
 * up to the root's top, each level either its bare tag or its tag and position. On the server a
 * bare tag is the only condition that does not float: its part ends at the next `;`, so the part
 * after it must start at the very next element, while a class, attribute or position is found with
 * a `.*?` that crosses elements, so such a part may swallow any number of them. As CSS, positions
 * pin the path down. So the levels below `tight` are bare tags (unless the element's entry in the
 * chain holds a `;` inside a value, such as `style="width:2px;"`, where a bare tag's part would end
 * too early and never match), the levels from `tight` up have positions; each split is tried, from
 * precise as CSS to precise on the server, and the caller keeps the first that is unique both ways.
 * A level with a position is written after `>` (exact as CSS): the `.*` the server appends after a
 * part followed by `>` costs nothing on a part that floats anyway; above a bare tag the combinator
 * stays a space, which keeps the next part at the next element.
 */
export /** `from`, …, `to`: every split low down, where most elements are told apart, then ever sparser (each attempt costs a server check over every candidate). */
function splits(from: number, to: number): number[] {
  const out: number[] = [];
  for (let at = from; at <= to; at = at < from + 4 ? at + 1 : Math.ceil(at * 1.5)) out.push(at);
  if (out[out.length - 1] !== to) out.push(to);
  return out;
}

function* pathAttempts(scope: SelectorScope, dataAttributes: readonly string[], bottom?: Piece): Generator<Attempt> {
  const element = scope.element;
  const levels: Element[] = [];
  for (let node: Element | null = element; node && node.localName !== 'html' && node.localName !== 'body'; node = node.parentElement) levels.push(node);
  const tags = levels.map(tagOf);
  if (tags.some((tag) => tag === undefined)) return;
  const entries = chainEntries(scope.index.chainOf(element));
  const bareMatches = levels.map((_, i) => entries[i] !== undefined && !entries[i].includes(';'));
  const inBody = element.getRootNode() === element.ownerDocument && levels[levels.length - 1]?.parentElement?.localName === 'body';
  // The nearest ancestor with a stable anchor unique as CSS tops the path first: a wrapper or a
  // banner inserted above it leaves the path intact. `body` (or the root's top) after that.
  let anchorAt = -1;
  let anchor: Piece | undefined;
  for (let i = 1; i < levels.length && !anchor; i++) {
    anchor = anchorPieces(levels[i] as Element, scope, dataAttributes).find((piece) => scope.cssCount(piece.text) === 1);
    if (anchor) anchorAt = i;
  }
  const tops: Array<{ below: number; text: string | undefined; basis: string | undefined }> = [
    ...(anchor ? [{ below: anchorAt, text: anchor.text, basis: anchor.basis }] : []),
    { below: levels.length, text: inBody ? 'body' : undefined, basis: undefined },
  ];
  for (const tight of splits(bottom ? 1 : 0, levels.length)) {
    for (const top of tops) {
      if (tight > top.below) continue;
      const placed = levels.map((_, i) => i >= tight || !bareMatches[i] || (i === 0 && bottom !== undefined));
      let selector = '';
      levels.slice(0, top.below).forEach((node, i) => {
        const piece = i === 0 && bottom ? bottom.text : placed[i] ? `${tags[i]}:nth-child(${position(node)})` : (tags[i] as string);
        selector = i === 0 ? piece : `${piece}${placed[i] ? ' > ' : ' '}${selector}`;
      });
      if (top.text) selector = `${top.text}${placed[top.below - 1] ? ' > ' : ' '}${selector}`;
      const bases = [
        ...(top.basis ? [top.basis] : []),
        ...(bottom ? [bottom.basis] : []),
        ...(placed.slice(0, top.below).some(Boolean) ? ['its position among its siblings'] : []),
        ...(placed.slice(0, top.below).some((at) => !at) ? ['the tags of its ancestors'] : []),
      ];
      yield { selector, bases };
    }
  }
}

/** Fragile pieces alone, then the path with bare tags and positions, then the path ending in each of the element's own pieces. */
function* lastResorts(scope: SelectorScope, dataAttributes: readonly string[]): Generator<Attempt> {
  const fragile = fragilePieces(scope.element);
  for (const piece of fragile) yield { selector: piece.text, bases: [piece.basis] };
  yield* pathAttempts(scope, dataAttributes);
  const tag = tagOf(scope.element);
  const bottoms = [...ownPieces(scope.element, scope, dataAttributes, true), ...fragile].filter((piece) => piece.text !== tag && (!tag || piece.text.startsWith(tag)));
  for (const piece of bottoms.slice(0, MAX_PATH_BOTTOMS)) yield* pathAttempts(scope, dataAttributes, piece);
}

const MAX_PATH_BOTTOMS = 3;
const MAX_LAST_RESORTS = 40;
const MAX_ATTEMPTS = 200;

/** A selector's verdict and counts as the panel shows them (the edit box's assessment adds to it). */
export function candidateFrom(selector: string, counts: SelectorCounts, bases: readonly string[] = []): SelectorCandidate {
  const { quality, reasons } = selectorQuality(selector, counts, bases);
  return {
    selector,
    quality,
    reasons,
    cssCount: counts.cssCount,
    serverCount: counts.serverCount,
    uniqueAsCss: counts.uniqueAsCss,
    uniqueOnServer: counts.uniqueOnServer,
  };
}

/**
 * Up to `limit` selectors that single the element out both ways, best first. Stops early: the
 * attempts come in order of preference, so the first ones found are the ones to show.
 */
interface Attempt {
  selector: string;
  bases: string[];
}

function findUnique(element: Element, options: BuildSelectorOptions, limit: number): { scope: SelectorScope; found: Attempt[]; closest: Attempt[] } {
  const scope = SelectorScope.for(element, options.index);
  const dataAttributes = options.dataAttributes ?? DEFAULT_DATA_ATTRIBUTES;
  const found: Attempt[] = [];
  // When nothing is unique: the most stable attempt and the most specific one (the longest path), to show as too broad.
  const closest: Attempt[] = [];
  const seen = new Set<string>();
  let last: Attempt | undefined;
  for (const attempt of attempts(scope, dataAttributes)) {
    if (seen.has(attempt.selector)) continue;
    seen.add(attempt.selector);
    if (seen.size > MAX_ATTEMPTS) break;
    if (closest.length === 0) closest.push(attempt);
    last = attempt;
    if (scope.isUnique(attempt.selector)) {
      found.push(attempt);
      if (found.length >= limit) break;
    }
  }
  // Twins (`CandidateIndex.twinsOf`) cannot be singled out: the last resorts would all be in vain.
  if (found.length === 0 && scope.index.twinsOf(element).length === 0) {
    let tried = 0;
    for (const attempt of lastResorts(scope, dataAttributes)) {
      if (seen.has(attempt.selector)) continue;
      seen.add(attempt.selector);
      if (++tried > MAX_LAST_RESORTS) break;
      if (scope.isUnique(attempt.selector)) {
        found.push(attempt);
        break;
      }
    }
  }
  if (last && last !== closest[0]) closest.push(last);
  return { scope, found, closest };
}

/** The best selector for the element, or null when nothing the server can match singles it out. */
export function buildSelector(element: Element, options: BuildSelectorOptions = {}): string | null {
  return findUnique(element, options, 1).found[0]?.selector ?? null;
}

/** `buildSelector`'s answer first, then up to four alternatives, each with its counts and verdict. */
export function selectorCandidates(element: Element, options: BuildSelectorOptions = {}): SelectorCandidate[] {
  const { scope, found, closest } = findUnique(element, options, 5);
  return (found.length > 0 ? found : closest).map(({ selector, bases }) => candidateFrom(selector, scope.count(selector), bases));
}
