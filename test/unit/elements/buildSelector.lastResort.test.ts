// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { diagnoseSelector } from '../../../src/core/actions/selectorDiagnostics';
import { assessSelector, buildSelector, CandidateIndex, selectorCandidates } from '../../../src/core/elements';
import { page, the } from './selectorTestPage';

/**
 * The causes that left corpus elements without a selector although they can be singled out
 * (BENCHMARKS.md, "Selectors (issue 7)"): each now gets a unique selector, fragile and saying why.
 */


function expectUniqueFragile(element: Element, index: CandidateIndex): string {
  const selector = buildSelector(element, { index });
  expect(selector).not.toBeNull();
  expect(assessSelector(selector!, element, { index }), selector!).toMatchObject({ uniqueAsCss: true, uniqueOnServer: true, cssCount: 1, serverCount: 1 });
  expect(diagnoseSelector(selector!).filter((diagnostic) => diagnostic.severity !== 'info')).toEqual([]);
  expect(selector).not.toMatch(/:nth-of-type|:not|\\|\^=|\*=|\$=/);
  const [best] = selectorCandidates(element, { index });
  expect(best).toMatchObject({ selector, quality: 'fragile' });
  expect(best!.reasons.every((reason) => reason.startsWith('fragile because'))).toBe(true);
  return selector!;
}

beforeEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

describe('buildSelector, when nothing stable singles the element out', () => {
  // Every ancestor is a first child, so a position on the element is found, on the server, in an
  // ancestor of its sibling's chain (`.*?` crosses elements): positions cannot single the first one out.
  const nested = (inner: string) => `<div><div><div>${inner}</div></div></div>`;
  it.each([
    // Radix tab triggers: identical siblings told apart only by a React useId id (no escape needed as [id="…"]).
    ['a generated id', nested('<button role="tab" id="radix-:R2kp:-trigger-members">Members</button><button role="tab" id="radix-:R2kp:-trigger-billing">Members</button>'), 'button'],
    // A state attribute pointing at generated content is all that differs.
    ['a state attribute', nested('<button aria-controls=":r1:">Open</button><button aria-controls=":r2:">Open</button>'), 'button'],
    // Only hashed classes differ.
    ['a hashed class', nested('<a class="css-1x2y3z">Open</a><a class="css-9q8w7e">Open</a>'), 'a'],
  ])('is unique and fragile where only %s tells identical siblings apart', (_, html, target) => {
    const index = page(html);
    expectUniqueFragile(the(target), index);
  });

  it('tells a link from the same link one level deeper (the server floats positions and classes, not bare tags)', () => {
    // heise: <a> with an image and the "More" <a> inside a <p> share their href; every class,
    // attribute or position condition lets the server skip the <p>, so only a bare-tag step tells them apart.
    const teaser = '<div class="teaser"><a href="/story"><img alt=""></a><p><a href="/story">More</a></p></div>';
    const index = page(`<main>${teaser}${teaser}</main>`);
    const element = document.querySelectorAll('.teaser')[1]!.querySelector(':scope > a')!;
    const selector = expectUniqueFragile(element, index);
    expect(selector).toMatch(/ a$/);
  });

  it('walks through ancestors whose chain entry holds a `;` (a bare tag would never match there)', () => {
    // webmd: `style="width:2px;"` and `onclick="…;"` put a `;` inside an element's entry in the chain.
    const card = (n: number) => `<div style="width:2px;" onclick="track('${n}');"><a href="/allergies"><img alt=""></a><p><a href="/allergies">Tips</a></p></div>`;
    const index = page(`<main>${card(1)}${card(2)}</main>`);
    const element = the('main > div:nth-child(2) > a');
    expectUniqueFragile(element, index);
  });

  it('answers null for shadow content whose chain up to the shadow root is another candidate’s: CSS from inside cannot reach the host', () => {
    document.body.innerHTML = '<div class="card"></div><div class="card"></div>';
    for (const host of document.querySelectorAll('.card')) host.attachShadow({ mode: 'open' }).innerHTML = '<section><button class="apply">Apply</button></section>';
    const index = CandidateIndex.build(document);
    const element = the('.apply', document.querySelectorAll('.card')[0]!.shadowRoot!);
    expect(index.twinsOf(element)).toHaveLength(1);
    expect(buildSelector(element, { index })).toBeNull();
  });
});
