/**
 * What `selectors.bench.ts` runs inside a corpus page (bundled with esbuild, evaluated in Chromium
 * with the page's own JavaScript disabled): our engine and the baseline on the same candidates, then
 * the realistic page changes and whether each selector still selects the same element.
 *
 * The baseline is `@medv/finder` configured as PostHog's toolbar configures it
 * (frontend/src/toolbar/utils.ts `elementToQuery`): the team's data attribute first, as
 * `[name="value"]` when it is unique, then finder with `seedMinLength: 5`, any `data-*` attribute
 * accepted, and html/body/meta/head/script/link/style never used as tags.
 */
import { finder } from '@medv/finder';
import { buildSelector, CandidateIndex } from '../../src/core/elements';
import { containsDeep } from '../../src/core/elements/selectorScope';
import { compileSelector, testSelector } from '../../src/core/actions/selectorMatcher';

const TAGS_TO_IGNORE = ['html', 'body', 'meta', 'head', 'script', 'link', 'style'];
/** PostHog's default team setting. */
const TEAM_DATA_ATTRIBUTES = ['data-attr'];

function baselineSelector(element: Element): string | null {
  for (const { name, value } of element.attributes) {
    if (!TEAM_DATA_ATTRIBUTES.includes(name)) continue;
    const selector = `[${CSS.escape(name)}="${CSS.escape(value)}"]`;
    if (document.querySelectorAll(selector).length === 1) return selector;
  }
  // The toolbar passes no root: finder searches the top document, so it finds nothing for elements
  // in shadow roots or frames. Given their own root here, so the baseline is not failed for that alone.
  const root = element.getRootNode();
  const options = {
    attr: (name: string) => name.startsWith('data-'),
    tagName: (name: string) => !TAGS_TO_IGNORE.includes(name),
    seedMinLength: 5,
    ...(root !== document ? { root: (root instanceof Document ? root.body : root) as Element } : {}),
  };
  try {
    return finder(element, options);
  } catch {
    return null;
  }
}

export type Engine = 'ours' | 'baseline';
export const ENGINES: Engine[] = ['ours', 'baseline'];

interface Verdict {
  selector: string | null;
  uniqueAsCss: boolean;
  matchesOnServer: boolean;
  uniqueOnServer: boolean;
}

function verdict(selector: string | null, element: Element, index: CandidateIndex): Verdict {
  if (selector === null) return { selector, uniqueAsCss: false, matchesOnServer: false, uniqueOnServer: false };
  let uniqueAsCss = false;
  try {
    const found = (element.getRootNode() as ParentNode).querySelectorAll(selector);
    uniqueAsCss = found.length === 1 && found[0] === element;
  } catch {
    uniqueAsCss = false;
  }
  const matchesOnServer = testSelector(compileSelector(selector), index.columnsOf(element));
  const uniqueOnServer = matchesOnServer && index.serverMatches(selector).every((candidate) => candidate === element || containsDeep(element, candidate));
  return { selector, uniqueAsCss, matchesOnServer, uniqueOnServer };
}

export interface ElementResult {
  /** Position among the page's candidates. */
  position: number;
  /** Another candidate (neither inside the other) has exactly its click chain up to its root's top (`CandidateIndex.twinsOf`): no selector can single it out both as CSS and on the server. */
  sameChainAsAnother: boolean;
  ours: Verdict;
  baseline: Verdict;
  /** Milliseconds per run. */
  time: Record<Engine, number[]>;
}

export interface PageResult {
  candidates: number;
  indexMs: number;
  elements: ElementResult[];
}

/** Evenly spread positions, all of them when there are few enough. */
function sample(count: number, limit: number): number[] {
  if (count <= limit) return Array.from({ length: count }, (_, i) => i);
  return Array.from({ length: limit }, (_, i) => Math.floor((i * count) / limit));
}

/** Generates both engines' selectors for the sampled candidates, `runs` times (alternating which goes first), and checks them. */
export function measureSelectors(limit: number, runs: number): PageResult {
  const started = performance.now();
  const index = CandidateIndex.build(document);
  const candidates = index.elements;
  for (const element of candidates) index.chainOf(element);
  const indexMs = performance.now() - started;

  const results: ElementResult[] = [];
  for (const position of sample(candidates.length, limit)) {
    const element = candidates[position]!;
    const time: Record<Engine, number[]> = { ours: [], baseline: [] };
    const selectors: Record<Engine, string | null> = { ours: null, baseline: null };
    for (let run = 0; run < runs; run++) {
      const order: Engine[] = (run + position) % 2 === 0 ? ['ours', 'baseline'] : ['baseline', 'ours'];
      for (const engine of order) {
        const t0 = performance.now();
        selectors[engine] = engine === 'ours' ? buildSelector(element, { index }) : baselineSelector(element);
        time[engine].push(performance.now() - t0);
      }
    }
    results.push({
      position,
      sameChainAsAnother: index.twinsOf(element).length > 0,
      ours: verdict(selectors.ours, element, index),
      baseline: verdict(selectors.baseline, element, index),
      time,
    });
  }
  return { candidates: candidates.length, indexMs, elements: results };
}

// ---- page changes -------------------------------------------------------------------------------

export type ChangeKind = 'sibling' | 'hashed' | 'ids' | 'wrapper' | 'reorder' | 'banner' | 'state' | 'attribute';
export const CHANGE_KINDS: ChangeKind[] = ['sibling', 'hashed', 'ids', 'wrapper', 'reorder', 'banner', 'state', 'attribute'];

export const CHANGE_LABELS: Record<ChangeKind, string> = {
  sibling: 'sibling inserted before it',
  hashed: 'hashed classes regenerated',
  ids: 'generated ids renumbered',
  wrapper: 'wrapper div around its container',
  reorder: 'list rows reordered',
  banner: 'banner inserted at the top',
  state: 'state classes toggled',
  attribute: 'attribute added to ancestors',
};

/** Every element, deep into open shadow roots and same-origin frames. */
function allElements(root: Document | ShadowRoot = document): Element[] {
  const out: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    out.push(element);
    if (element.shadowRoot) out.push(...allElements(element.shadowRoot));
    if (element instanceof HTMLIFrameElement) {
      try {
        if (element.contentDocument) out.push(...allElements(element.contentDocument));
      } catch {
        // cross-origin
      }
    }
  }
  return out;
}

/** Ancestors and the element itself, across shadow roots, up to the element's document. */
function selfAndAncestors(element: Element): Element[] {
  const out: Element[] = [];
  let node: Node | null = element;
  while (node) {
    if (node.nodeType === 1) out.push(node as Element);
    node = node.parentNode ?? ((node as Partial<ShadowRoot>).host ?? null);
  }
  return out;
}

/**
 * Class and id families that builds regenerate, as the corpus's synthetic pages produce them. Written
 * here independently of the engine's classifiers, from the tools' documented formats.
 */
const REGENERATED_CLASS = [/^css-[a-z0-9]+/, /^e[a-z0-9]{6,8}0$/, /^[A-Za-z][A-Za-z0-9-]*_[A-Za-z0-9-]+__[A-Za-z0-9_-]{5}$/, /^sc-[A-Za-z]+$/, /^[A-Z][a-z][A-Z][a-z][A-Z][a-z]$/, /^svelte-[a-z0-9]+$/];
const GENERATED_ID = /:[rR][0-9a-zA-Z]*:|«r[0-9a-z]*»|_r_[0-9a-z]+_|\d+/g;
const STATE_CLASSES = ['active', 'is-active', 'selected', 'is-selected', 'open', 'is-open', 'current', 'show', 'Mui-selected', 'Mui-checked', 'Mui-focusVisible', 'checked'];

/** A different value of the same shape: every digit and letter moved on. */
function shifted(token: string): string {
  return token.replace(/[0-9]/g, (d) => String((Number(d) + 3) % 10)).replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + 5) % 26) + 97));
}

function regenerateHash(name: string): string {
  const cut = name.startsWith('css-') ? 4 : name.startsWith('svelte-') ? 7 : name.startsWith('sc-') ? 3 : name.includes('__') ? name.lastIndexOf('__') + 2 : 0;
  return name.slice(0, cut) + shifted(name.slice(cut).toLowerCase());
}

function isGeneratedId(id: string): boolean {
  return /[:«»]|_r_|^radix-|^headlessui-|^\d+$|\d{4,}/.test(id);
}

/** Applies one change for the sampled elements; returns which of them it applies to. */
export function applyChange(kind: ChangeKind, targets: Element[]): boolean[] {
  const doc = document;
  const touched = new Set<Element>();
  switch (kind) {
    case 'sibling':
      for (const target of targets) {
        const sibling = target.ownerDocument.createElement(target.localName);
        sibling.textContent = 'New';
        target.parentNode?.insertBefore(sibling, target);
      }
      return targets.map((target) => target.parentNode !== null);
    case 'hashed':
      for (const element of allElements()) {
        for (const name of [...element.classList]) {
          if (REGENERATED_CLASS.some((pattern) => pattern.test(name))) {
            element.classList.replace(name, regenerateHash(name));
            touched.add(element);
          }
        }
        // Vue's scoped-style attribute carries the same kind of hash.
        for (const { name } of [...element.attributes]) {
          if (/^data-v-[0-9a-f]{8}$/.test(name)) {
            element.removeAttribute(name);
            element.setAttribute(`data-v-${shifted(name.slice(7))}`, '');
            touched.add(element);
          }
        }
      }
      break;
    case 'ids':
      for (const element of allElements()) {
        for (const name of ['id', 'for', 'aria-controls', 'aria-labelledby', 'aria-describedby']) {
          const value = element.getAttribute(name);
          if (value && value.split(' ').some(isGeneratedId)) {
            element.setAttribute(name, value.split(' ').map((token) => (isGeneratedId(token) ? token.replace(GENERATED_ID, shifted) : token)).join(' '));
            touched.add(element);
          }
        }
      }
      break;
    case 'wrapper': {
      const containers = new Set<Element>();
      for (const target of targets) {
        const container = target.parentElement;
        if (container && container.parentNode && !['html', 'body', 'head'].includes(container.localName)) containers.add(container);
      }
      for (const container of containers) {
        const wrapper = container.ownerDocument.createElement('div');
        container.parentNode!.insertBefore(wrapper, container);
        wrapper.append(container);
        touched.add(container);
      }
      break;
    }
    case 'reorder': {
      // A row: the nearest element (itself or an ancestor, 6 levels at most) among at least three siblings of its tag.
      const lists = new Set<Element>();
      for (const target of targets) {
        let node: Element | null = target;
        for (let level = 0; node && level < 6; level++, node = node.parentElement) {
          const parent: Element | null = node.parentElement;
          if (!parent || parent.localName === 'body') break;
          const tag = node.localName;
          if ([...parent.children].filter((child) => child.localName === tag).length >= 3) {
            lists.add(parent);
            break;
          }
        }
      }
      for (const list of lists) {
        const before = [...list.children];
        list.append(...[...before].reverse());
        for (const [i, child] of [...list.children].entries()) if (before.indexOf(child) !== i) touched.add(child);
      }
      break;
    }
    case 'banner': {
      const banner = doc.createElement('div');
      banner.className = 'announcement-banner';
      banner.innerHTML = '<a href="#announcement">Read the announcement</a> <button type="button">Dismiss</button>';
      doc.body.prepend(banner);
      return targets.map(() => true);
    }
    case 'state':
      for (const target of targets) {
        for (const element of selfAndAncestors(target).slice(0, 3)) {
          const present = STATE_CLASSES.filter((name) => element.classList.contains(name));
          if (present.length > 0) element.classList.remove(...present);
          else element.classList.add('active');
        }
      }
      return targets.map(() => true);
    case 'attribute':
      for (const target of targets) for (const element of selfAndAncestors(target).slice(1)) element.setAttribute('data-state', 'open');
      return targets.map(() => true);
  }
  return targets.map((target) => selfAndAncestors(target).some((element) => touched.has(element)));
}

export interface SurvivalResult {
  applies: boolean;
  /** Per engine: still exactly this element as CSS / on the server. */
  css: Record<Engine, boolean>;
  server: Record<Engine, boolean>;
}

/** On a fresh load of the page: the same candidates' selectors after one kind of change. */
export function measureSurvival(kind: ChangeKind, positions: number[], selectors: Record<Engine, Array<string | null>>): SurvivalResult[] | string {
  const before = CandidateIndex.build(document).elements;
  const targets = positions.map((position) => before[position]!);
  if (targets.some((target) => !target)) return `the page has ${before.length} candidates now`;
  const applies = applyChange(kind, targets);
  const index = CandidateIndex.build(document);
  return targets.map((target, i) => {
    const css = {} as Record<Engine, boolean>;
    const server = {} as Record<Engine, boolean>;
    for (const engine of ENGINES) {
      const result = verdict(selectors[engine][i] ?? null, target, index);
      css[engine] = result.uniqueAsCss;
      server[engine] = result.uniqueOnServer;
    }
    return { applies: applies[i]!, css, server };
  });
}
