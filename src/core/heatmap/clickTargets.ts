import type { CandidateIndex } from '../elements/candidateIndex';
import { chainEntries, type ChainElement, parseElementsChain } from '../elements/elementsChain';
import { classVerdict, idVerdict } from '../elements/selectorStability';
import type { MatchQuality, NearMissReason } from './clickStats';

/**
 * Where on the page a recorded chain was clicked, found by the chain itself — what the SDK recorded
 * and the server counted — and not by CSS. PostHog's toolbar heatmap builds a selector from each
 * stats row's elements and runs `querySelectorAll`; that finds elements the server would not count
 * for that chain (and misses ones it would: see core/actions on how the server reads selectors). Here
 * every candidate's chain is computed once (`CandidateIndex.chainOf`) and each row is looked up by
 * its own chain: exactly first, then, for near misses, among the candidates of the same shape.
 *
 * The shape of a chain (what a near miss must keep): at every level, from the clicked element to
 * the top, the tag, a stable id, the stable classes, the stable `data-*` attributes and the href
 * without its query and fragment. What it may change, each with its reason and a cost:
 * - `text` (3): a label, a counter, a price;
 * - `nth-child` / `nth-of-type` (2 for the level, both or either): the element moved in its list;
 * - `href` (1): only the query or fragment of a link changed (session ids, tracking parameters);
 * - `class` (1): state classes (`active`, `is-open`, `tab--selected`: `classVerdict` says `state`)
 *   or build hashes (`css-1x2y3z`: `hashed`), which change with a click or a deploy;
 * - `attributes` (1): every other attribute (`aria-*`, `style`, `title`…), a generated id
 *   (`idVerdict`: React's `:r1:`, counters) and state `data-*` attributes (`data-state`, `data-active`).
 * The candidate with the lowest cost wins; on a tie, the one whose positions are closest, then the
 * first in the document. Text costs more than a position, so a list item that moved (same text,
 * new place) beats the item now in its old place with another label.
 */

/** One level of a chain, split into its shape and what may change. */
interface Level {
  shape: string;
  text: string | null;
  nthChild: number | null;
  nthOfType: number | null;
  href: string;
  classes: string;
  attributes: string;
}

/** The candidates with one chain: the server cannot tell them apart, so they share counts. */
export interface ClickTarget {
  chain: string;
  elements: Element[];
  /** Position of the first element among the index's candidates (document order). */
  order: number;
}

export interface TargetMatch {
  target: ClickTarget;
  quality: MatchQuality;
  /** Empty for an exact match. */
  reasons: NearMissReason[];
}

interface Shaped {
  target: ClickTarget;
  levels: Level[];
}

const REASON_ORDER: readonly NearMissReason[] = ['text', 'nth-child', 'nth-of-type', 'href', 'class', 'attributes'];
const TEXT_COST = 3;
const POSITION_COST = 2;
const OTHER_COST = 1;

/** `data-*` attributes that say what state the element is in (Radix, Headless UI and friends toggle them). */
const STATE_DATA_ATTRIBUTE =
  /^attr__data-(.*-)?(state|active|selected|current|open|opened|closed|expanded|collapsed|checked|pressed|disabled|focus|focused|focus-visible|hover|hovered|highlighted|visible|hidden|loading)$/;

/** The part of a link that names where it goes: without the query and the fragment. */
const hrefPath = (href: string) => href.replace(/[?#][\s\S]*$/, '');

function levelOf(element: ChainElement): Level {
  const id = element.attr_id ?? element.attributes['attr__id'] ?? null;
  const stableId = id !== null && idVerdict(id) !== 'generated' ? id : '';
  const stableClasses: string[] = [];
  for (const name of element.attr_class ?? []) {
    const verdict = classVerdict(name);
    if (verdict !== 'state' && verdict !== 'hashed') stableClasses.push(name);
  }
  const stableData: string[] = [];
  const other: string[] = [];
  for (const key of Object.keys(element.attributes).sort()) {
    if (key === 'attr__class' || key === 'attr__id' || key === 'attr__href') continue;
    const pair = `${key}=${element.attributes[key]}`;
    if (key.startsWith('attr__data-') && !STATE_DATA_ATTRIBUTE.test(key)) stableData.push(pair);
    else other.push(pair);
  }
  if (id !== null && !stableId) other.push(`id=${id}`);
  const href = element.href ?? '';
  const linkHref = element.attributes['attr__href'] ?? '';
  return {
    shape: [element.tag_name ?? '', stableId, stableClasses.join('.'), stableData.join('\u0002'), hrefPath(href), hrefPath(linkHref)].join('\u0003'),
    text: element.text,
    nthChild: element.nth_child,
    nthOfType: element.nth_of_type,
    href: `${href}\u0003${linkHref}`,
    classes: [...(element.attr_class ?? [])].sort().join('.'),
    attributes: other.join('\u0002'),
  };
}

export class ClickTargets {
  private static readonly built = new WeakMap<CandidateIndex, ClickTargets>();
  private readonly byChain = new Map<string, ClickTarget>();
  private readonly byShape = new Map<string, Shaped[]>();
  /** Levels by their entry in a chain: ancestors repeat in every chain below them, each is read once. */
  private readonly levels = new Map<string, Level>();

  private constructor(index: CandidateIndex) {
    index.elements.forEach((element, order) => {
      const chain = index.chainOf(element);
      const known = this.byChain.get(chain);
      if (known) {
        known.elements.push(element);
        return;
      }
      const target: ClickTarget = { chain, elements: [element], order };
      this.byChain.set(chain, target);
      const levels = this.levelsOf(chain);
      const key = shapeKey(levels);
      const same = this.byShape.get(key);
      if (same) same.push({ target, levels });
      else this.byShape.set(key, [{ target, levels }]);
    });
  }

  /** The index's targets, built once per index (the DOM is indexed once; rows are mapped as often as they change). */
  static of(index: CandidateIndex): ClickTargets {
    let targets = ClickTargets.built.get(index);
    if (!targets) {
      targets = new ClickTargets(index);
      ClickTargets.built.set(index, targets);
    }
    return targets;
  }

  get size(): number {
    return this.byChain.size;
  }

  /** The target a recorded chain was clicked on: exactly, else the nearest of the same shape, else none. */
  find(chain: string): TargetMatch | null {
    const exact = this.byChain.get(chain);
    if (exact) return { target: exact, quality: 'exact', reasons: [] };
    const levels = this.levelsOf(chain);
    const same = this.byShape.get(shapeKey(levels));
    if (!same) return null;
    let best: Shaped | undefined;
    let bestCost = Infinity;
    let bestDistance = Infinity;
    for (const candidate of same) {
      const { cost, distance } = compare(levels, candidate.levels, bestCost);
      if (cost < bestCost || (cost === bestCost && distance < bestDistance)) {
        best = candidate;
        bestCost = cost;
        bestDistance = distance;
      }
    }
    if (!best) return null;
    return { target: best.target, quality: 'near', reasons: reasonsOf(levels, best.levels) };
  }

  private levelsOf(chain: string): Level[] {
    return chainEntries(chain).map((entry) => {
      let level = this.levels.get(entry);
      if (!level) {
        level = levelOf(parseElementsChain(entry)[0]!);
        this.levels.set(entry, level);
      }
      return level;
    });
  }
}

function shapeKey(levels: readonly Level[]): string {
  return levels.map((level) => level.shape).join('\u0001');
}

/** The cost of the differences (stopping once it exceeds `limit`) and how far the positions moved. */
function compare(row: readonly Level[], candidate: readonly Level[], limit: number): { cost: number; distance: number } {
  let cost = 0;
  let distance = 0;
  for (let i = 0; i < row.length && cost <= limit; i++) {
    const a = row[i]!;
    const b = candidate[i]!;
    if (a === b) continue;
    if (a.text !== b.text) cost += TEXT_COST;
    if (a.nthChild !== b.nthChild || a.nthOfType !== b.nthOfType) {
      cost += POSITION_COST;
      distance += Math.abs((a.nthChild ?? 0) - (b.nthChild ?? 0));
    }
    if (a.href !== b.href) cost += OTHER_COST;
    if (a.classes !== b.classes) cost += OTHER_COST;
    if (a.attributes !== b.attributes) cost += OTHER_COST;
  }
  return { cost, distance };
}

function reasonsOf(row: readonly Level[], candidate: readonly Level[]): NearMissReason[] {
  const found = new Set<NearMissReason>();
  row.forEach((a, i) => {
    const b = candidate[i]!;
    if (a === b) return;
    if (a.text !== b.text) found.add('text');
    if (a.nthChild !== b.nthChild) found.add('nth-child');
    if (a.nthOfType !== b.nthOfType) found.add('nth-of-type');
    if (a.href !== b.href) found.add('href');
    if (a.classes !== b.classes) found.add('class');
    if (a.attributes !== b.attributes) found.add('attributes');
  });
  return REASON_ORDER.filter((reason) => found.has(reason));
}
