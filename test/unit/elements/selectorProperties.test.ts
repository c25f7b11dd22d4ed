// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { diagnoseSelector } from '../../../src/core/actions/selectorDiagnostics';
import { parseSelector } from '../../../src/core/actions/selectorParser';
import { assessSelector, buildSelector, CandidateIndex, selectorCandidates } from '../../../src/core/elements';
import { seededRandom } from '../../../src/core/seededRandom';

const CLASSES = ['btn', 'btn-primary', 'nav', 'nav-link', 'card', 'row', 'item', 'css-1x2y3z', 'Button_root__3xK9a', 'sc-AbCdEf', 'is-active', 'Mui-selected', 'px-3', 'hover:bg-gray-50', 'text-sm/6', '[&>svg]:size-5', 'a.b', 'menu', 'menu-item'];
const IDS = ['main', 'checkout', ':r1:', '«r2»', '_r_3_', 'radix-:r4:-trigger', '12345', 'search', 'x y', 'foo.bar'];
const TAGS = ['div', 'span', 'ul', 'li', 'section', 'a', 'button', 'input', 'label', 'form', 'select'];
const ATTRIBUTES: Array<[string, string[]]> = [
  ['data-attr', ['save', 'cancel', 'save']],
  ['data-testid', ['row', 'row-1', 'say "hi"']],
  ['href', ['/a', '/b', '/a?x=1', '#top']],
  ['name', ['email', 'q', 'email']],
  ['aria-label', ['Close', 'Open menu']],
  ['type', ['button', 'submit', 'text']],
];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function randomTree(rand: () => number, depth: number): string {
  const count = 1 + Math.floor(rand() * 4);
  let html = '';
  for (let i = 0; i < count; i++) {
    const tag = depth === 0 ? pick(rand, ['a', 'button', 'input']) : pick(rand, TAGS);
    const attributes: string[] = [];
    if (rand() < 0.5) attributes.push(`class="${Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(rand, CLASSES)).join(' ')}"`);
    if (rand() < 0.15) attributes.push(`id="${pick(rand, IDS)}"`);
    for (const [name, values] of ATTRIBUTES) if (rand() < 0.15) attributes.push(`${name}='${pick(rand, values)}'`);
    const open = `<${tag} ${attributes.join(' ')}>`;
    html += tag === 'input' ? open : `${open}${depth > 0 && rand() < 0.8 ? randomTree(rand, depth - 1) : 'x'}</${tag}>`;
  }
  return html;
}

describe('every emitted selector', () => {
  it.each(Array.from({ length: 12 }, (_, i) => i + 1))('on random page %i: parses, draws no server error or warning, and is unique both ways', (seed) => {
    const rand = seededRandom(seed);
    document.body.innerHTML = `<main>${randomTree(rand, 4)}</main>`;
    const index = CandidateIndex.build(document);
    expect(index.elements.length).toBeGreaterThan(0);
    for (const element of index.elements.slice(0, 40)) {
      const best = buildSelector(element, { index });
      const candidates = selectorCandidates(element, { index });
      if (best === null) {
        expect(candidates.every((candidate) => !candidate.uniqueAsCss || !candidate.uniqueOnServer)).toBe(true);
        continue;
      }
      expect(candidates[0]!.selector).toBe(best);
      for (const { selector } of candidates) {
        expect(() => parseSelector(selector)).not.toThrow();
        expect(selector).not.toMatch(/\\|:nth-of-type|:not|\^=|\*=|\$=|~|\+/);
        expect(diagnoseSelector(selector).filter((diagnostic) => diagnostic.severity !== 'info'), selector).toEqual([]);
        expect(assessSelector(selector, element, { index }), selector).toMatchObject({ uniqueAsCss: true, uniqueOnServer: true, cssCount: 1, serverCount: 1 });
      }
    }
  });
});
