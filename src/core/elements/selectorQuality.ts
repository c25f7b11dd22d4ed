import { parseSelector, SelectorCompileError, type SelectorPart } from '../actions/selectorParser';
import type { SelectorCounts } from './selectorScope';
import { classVerdict, idVerdict } from './selectorStability';

/**
 * The verdict the panel shows next to a selector: `too-broad` when it does not single the element
 * out (as CSS or on the server), `fragile` when it does but relies on something the next deploy or
 * click may change, `stable` otherwise — with the reasons in plain words.
 */
export type SelectorQuality = 'stable' | 'fragile' | 'too-broad';

const CLASS_REASON: Record<string, string> = {
  hashed: 'looks generated (a build step derives it from a hash)',
  state: 'says what state the element is in and changes as people use the page',
  utility: 'is a utility class that describes looks and changes with every restyle',
  unusable: 'needs a CSS escape, which the server does not undo',
};

function fragility(parts: SelectorPart[]): string[] {
  const reasons: string[] = [];
  for (const part of parts) {
    if (part.nthChild !== undefined) reasons.push(`fragile because it uses :nth-child(${part.nthChild}), a position that changes when something is inserted before it`);
    for (const name of part.classes ?? []) {
      const verdict = classVerdict(name);
      if (verdict !== 'stable') reasons.push(`fragile because the class ${name} ${CLASS_REASON[verdict]}`);
    }
    if (part.attrId !== undefined && idVerdict(part.attrId) !== 'stable') reasons.push(`fragile because the id ${part.attrId} looks generated (it changes with the render order or the build)`);
  }
  const onlyStructure = parts.every((part) => !part.classes?.length && part.attrId === undefined && part.attributes.length === 0);
  if (onlyStructure && parts.length > 0) reasons.push('fragile because it relies on tags and positions only');
  return reasons;
}

function breadth(counts: SelectorCounts): string[] {
  const reasons: string[] = [];
  if (counts.cssError !== undefined) reasons.push(`not valid CSS: ${counts.cssError}`);
  else if (!counts.matchesElementAsCss) reasons.push('too broad: as CSS it does not select this element');
  else if (counts.cssCount > 1) reasons.push(`too broad: as CSS it selects ${counts.cssCount} elements`);
  if (!counts.matchesElementOnServer) reasons.push('too broad: the server would not count clicks on this element');
  else if (counts.serverCount > 1) reasons.push(`too broad: the server would also count clicks on ${counts.serverCount - 1} other element${counts.serverCount === 2 ? '' : 's'}`);
  return reasons;
}

/** `bases`: what the selector relies on, when the engine built it (said in the stable verdict). */
export function selectorQuality(selector: string, counts: SelectorCounts, bases: readonly string[] = []): { quality: SelectorQuality; reasons: string[] } {
  const broad = breadth(counts);
  let parts: SelectorPart[] = [];
  try {
    parts = parseSelector(selector).parts;
  } catch (error) {
    if (!(error instanceof SelectorCompileError)) throw error;
    broad.push(`the server cannot run it: ${error.message}`);
  }
  const fragile = fragility(parts);
  if (broad.length > 0) return { quality: 'too-broad', reasons: [...broad, ...fragile] };
  if (fragile.length > 0) return { quality: 'fragile', reasons: fragile };
  const relied = [...new Set(bases)];
  return { quality: 'stable', reasons: [relied.length > 0 ? `stable: it relies on ${relied.join(', ')}` : 'stable: no positions, generated names or state'] };
}
