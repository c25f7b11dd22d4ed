// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { diagnoseSelector } from '../../../src/core/actions/selectorDiagnostics';
import { assessSelector, buildSelector, CandidateIndex, selectorCandidates } from '../../../src/core/elements';
import { page, the } from './selectorTestPage';


/** Unique as CSS from the element's root, and on the server (checked through assessSelector, which counts both). */
function expectUnique(selector: string | null, element: Element, index: CandidateIndex): void {
  expect(selector).not.toBeNull();
  const assessment = assessSelector(selector!, element, { index });
  expect(assessment, selector!).toMatchObject({ uniqueAsCss: true, uniqueOnServer: true, cssCount: 1, serverCount: 1 });
  expect(diagnoseSelector(selector!).filter((diagnostic) => diagnostic.severity !== 'info')).toEqual([]);
}

beforeEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '';
});

describe('buildSelector', () => {
  it.each([
    ['a data attribute first', '<div id="main"><button class="btn" data-attr="save">Save</button><button class="btn">Cancel</button></div>', 'button[data-attr]', '[data-attr="save"]'],
    ['data-testid', '<button data-testid="checkout-button" id="checkout">Buy</button>', 'button', '[data-testid="checkout-button"]'],
    ['a data-ph-capture-attribute', '<button data-ph-capture-attribute-plan="pro">Upgrade</button><button>Other</button>', 'button', '[data-ph-capture-attribute-plan="pro"]'],
    ['a stable id', '<button id="checkout" class="css-1x2y3z">Buy</button><button>Other</button>', '#checkout', '#checkout'],
    ['a stable class over a hashed one', '<button class="css-1abc123 checkout-button">Buy</button><button class="css-1abc123">Other</button>', '.checkout-button', '.checkout-button'],
    ['a link by its href', '<nav><a class="nav-link" href="/pricing">Pricing</a><a class="nav-link" href="/docs">Docs</a></nav>', 'a[href="/docs"]', '[href="/docs"]'],
    ['a field by its name', '<form><input name="email"><input name="password" type="password"></form>', 'input[name="email"]', '[name="email"]'],
  ])('%s', (_, html, target, expected) => {
    const index = page(html);
    const element = the(target);
    const selector = buildSelector(element, { index });
    expect(selector).toBe(expected);
    expectUnique(selector, element, index);
  });

  it('follows the configured data attributes', () => {
    const index = page('<button data-track="save" data-attr="x">Save</button><button data-attr="x">Other</button>');
    expect(buildSelector(the('button'), { index, dataAttributes: ['data-track'] })).toBe('[data-track="save"]');
  });

  it.each([':r1:', ':R3f9k:', '«r1»', '_r_1_', 'radix-:r0:-trigger-general', 'headlessui-menu-button-:r5:'])('never uses the generated id %s', (id) => {
    document.body.innerHTML = '<div></div>';
    const button = document.createElement('button');
    button.id = id;
    button.textContent = 'Open';
    the('div').append(button, document.createElement('button'));
    const index = CandidateIndex.build(document);
    const selector = buildSelector(button, { index });
    expect(selector).not.toContain(id);
    expectUnique(selector, button, index);
  });

  it('leaves out hashed, state and utility classes', () => {
    const index = page(`
      <ul class="nav-list">
        <li><a class="NavLink_link__2JHtn sc-AbCdEf is-active px-3 hover:bg-gray-50" href="#a">A</a></li>
        <li><a class="NavLink_link__2JHtn sc-AbCdEf px-3 hover:bg-gray-50" href="#b">B</a></li>
      </ul>`);
    const element = the('a[href="#a"]');
    const selector = buildSelector(element, { index });
    expect(selector).toBe('[href="#a"]');
    for (const candidate of selectorCandidates(element, { index })) {
      expect(candidate.selector).not.toMatch(/NavLink_|sc-|is-active|px-3|hover:/);
    }
  });

  it('is unique on the server where the class is a prefix of another element’s class', () => {
    // `.btn` matches `btn-danger` on the server (prefix matching): the Edit button needs more than `.btn`.
    const index = page('<div class="toolbar"><button class="btn">Edit</button><button class="btn btn-danger">Delete</button></div>');
    const edit = the('button.btn:not(.btn-danger)');
    const selector = buildSelector(edit, { index });
    expect(selector).not.toBe('.btn');
    expectUnique(selector, edit, index);
  });

  it('uses :nth-child on the row, not the button, in 1,000 identical rows', () => {
    const rows = Array.from({ length: 1000 }, () => '<li class="row"><span class="row-name">Power users</span><button class="btn edit">Edit</button><button class="btn delete">Delete</button></li>');
    const index = page(`<main><ul class="rows">${rows.join('')}</ul></main>`);
    const element = the('li:nth-child(500) button.edit');
    const selector = buildSelector(element, { index });
    expect(selector).toMatch(/:nth-child\(500\)/);
    expect(selector).not.toMatch(/button[^ ]*:nth-child/);
    expectUnique(selector, element, index);
    const [best] = selectorCandidates(element, { index });
    expect(best).toMatchObject({ selector, quality: 'fragile' });
    expect(best!.reasons.join(' ')).toContain(':nth-child(500)');
    // The row's position is written without its tag: a wrapper div around the row takes its
    // place, and the selector still finds the same button.
    expect(selector).not.toMatch(/li:nth-child/);
    const row = element.parentElement!;
    const wrapper = document.createElement('div');
    row.before(wrapper);
    wrapper.append(row);
    expect([...document.querySelectorAll(selector!)]).toEqual([element]);
  });

  it('counts inside a shadow root as CSS from that root', () => {
    document.body.innerHTML = '<div id="host"></div>';
    const shadow = the('#host').attachShadow({ mode: 'open' });
    shadow.innerHTML = '<button class="apply">Apply</button><button class="cancel">Cancel</button>';
    const index = CandidateIndex.build(document);
    const element = the('.apply', shadow);
    const selector = buildSelector(element, { index });
    expect(selector).toBe('.apply');
    expectUnique(selector, element, index);
  });

  it('answers null, and too-broad candidates, when nothing singles the element out on the server', () => {
    // Two shadow roots with the same content: as CSS each root has one .apply, but their click chains are the same.
    document.body.innerHTML = '<div class="card"></div><div class="card"></div>';
    for (const host of document.querySelectorAll('.card')) host.attachShadow({ mode: 'open' }).innerHTML = '<button class="apply">Apply</button>';
    const index = CandidateIndex.build(document);
    const element = the('.apply', document.querySelectorAll('.card')[1]!.shadowRoot!);
    expect(buildSelector(element, { index })).toBeNull();
    const candidates = selectorCandidates(element, { index });
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.every((candidate) => candidate.quality === 'too-broad' && !candidate.uniqueOnServer)).toBe(true);
  });
});

describe('selectorCandidates', () => {
  it('puts buildSelector’s answer first and offers alternatives, each unique both ways', () => {
    const index = page('<form id="signup"><input name="email" class="field email-field" data-testid="email" placeholder="Email"><input name="name" class="field"></form>');
    const element = the('input[name="email"]');
    const candidates = selectorCandidates(element, { index });
    expect(candidates[0]!.selector).toBe(buildSelector(element, { index }));
    expect(candidates.length).toBeGreaterThan(2);
    for (const candidate of candidates) expect(candidate).toMatchObject({ uniqueAsCss: true, uniqueOnServer: true, quality: 'stable' });
  });
});

describe('assessSelector', () => {
  beforeEach(() => {
    document.body.innerHTML = '<div class="list"><a class="item" href="/a">A</a><a class="item" href="/b">B</a></div>';
  });

  it.each([
    ['.item', { cssCount: 2, serverCount: 2, matchesElementAsCss: true, matchesElementOnServer: true, quality: 'too-broad' }],
    ['a:nth-of-type(1)', { cssCount: 1, uniqueAsCss: true, matchesElementOnServer: false, quality: 'too-broad' }],
    // The server finds nth-child="1" on any element from the link upwards: div.list is its parent's first child.
    ['a:nth-child(1)', { cssCount: 1, uniqueAsCss: true, serverCount: 2, uniqueOnServer: false, quality: 'too-broad' }],
    ['.item:nth-child(1)', { cssCount: 1, uniqueAsCss: true, serverCount: 2, quality: 'too-broad' }],
    ['.list > a:nth-child(1)', { cssCount: 1, uniqueAsCss: true, quality: 'fragile' }],
    ['[href="/a"]', { cssCount: 1, uniqueAsCss: true, uniqueOnServer: true, quality: 'stable' }],
    ['a[href="/b"]', { cssCount: 1, matchesElementAsCss: false, matchesElementOnServer: false, quality: 'too-broad' }],
  ])('%s', (selector, expected) => {
    const index = CandidateIndex.build(document);
    expect(assessSelector(selector, the('a[href="/a"]'), { index })).toMatchObject(expected);
  });

  it.each(['a[', 'a:nth-child(', '..x', '', '>>'])('reports invalid CSS %j as a message, never a throw', (selector) => {
    const index = CandidateIndex.build(document);
    const assessment = assessSelector(selector, the('a'), { index });
    expect(assessment.cssError).toEqual(expect.any(String));
    expect(assessment.quality).toBe('too-broad');
  });

  it('passes on the server diagnostics', () => {
    const assessment = assessSelector('a:nth-of-type(1)', the('a'));
    expect(assessment.diagnostics.map((diagnostic) => diagnostic.code)).toContain('nth-of-type');
  });
});
