// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { CandidateIndex, elementsChainFor, findCandidates, isCandidate } from '../../../src/core/elements';

const PAGE = `
<style>.clickable { cursor: pointer; } .plain-cursor { cursor: default; }</style>
<header id="header"><a id="home" href="/">Home</a><nav><button id="menu"><span id="menu-span">Menu</span></button></nav></header>
<div id="card" class="clickable"><p id="card-text">inherits the pointer</p><div id="reset" class="plain-cursor"><span id="again" class="clickable">again</span></div></div>
<form id="signup"><label id="email-label">Email</label><input id="email" name="email"><input id="token" type="hidden" value="t"><button id="send" type="submit">Send</button></form>
<div id="editor" contenteditable="true">edit me</div>
<div id="plain">plain</div>
<section class="ph-no-capture"><button id="secret">x</button></section>
<section data-ph-no-autocapture><a id="ignored" href="/x">x</a></section>
<button id="off" disabled><span id="off-span" style="cursor: pointer">off</span></button>
<ul><li><a id="item1" href="/1">1</a></li><li><a id="item2" href="/2">2</a></li></ul>
<div id="host"></div>
<div id="host-after"><button id="after-shadow">after</button></div>
`;

beforeEach(() => {
  document.body.innerHTML = PAGE;
  const shadow = document.getElementById('host')!.attachShadow({ mode: 'open' });
  shadow.innerHTML = '<div><button id="in-shadow" class="shadow-btn">In shadow</button><p>text</p></div>';
});

const ids = (elements: readonly Element[]) => elements.map((el) => el.id);

describe('findCandidates', () => {
  it('finds every interactive captured element in document order, shadow roots included', () => {
    expect(ids(findCandidates(document))).toEqual([
      'home', 'menu', 'card', 'again', 'signup', 'email-label', 'email', 'send', 'editor', 'item1', 'item2', 'in-shadow', 'after-shadow',
    ]);
  });

  it('agrees with isCandidate on every element', () => {
    const found = new Set(findCandidates(document));
    const all = [...document.body.querySelectorAll('*'), ...document.getElementById('host')!.shadowRoot!.querySelectorAll('*')];
    for (const el of all) expect([el.id || el.tagName, isCandidate(el)]).toEqual([el.id || el.tagName, found.has(el)]);
  });

  it.each([
    ['card-text', 'inherits cursor: pointer from #card'],
    ['menu-span', 'inside a button: captured, but as part of it'],
    ['secret', 'under ph-no-capture'],
    ['ignored', 'under data-ph-no-autocapture'],
    ['token', 'a hidden input'],
    ['off', 'disabled'],
    ['off-span', 'inside a disabled button, which swallows the click'],
    ['plain', 'not interactive'],
  ])('skips #%s (%s)', (id) => {
    expect(ids(findCandidates(document))).not.toContain(id);
  });

  it('keeps only rendered elements when asked, from styles alone (boxes are the drawer\'s to read)', () => {
    document.getElementById('menu')!.style.display = 'none';
    document.getElementById('signup')!.style.visibility = 'hidden';
    // happy-dom lays nothing out: every box is zero-size, and rendered elements stay in.
    expect(ids(findCandidates(document, { renderedOnly: true }))).toEqual(['home', 'card', 'again', 'editor', 'item1', 'item2', 'in-shadow', 'after-shadow']);
  });
});

describe('CandidateIndex', () => {
  it('computes chains once and for non-candidates too', () => {
    const index = CandidateIndex.build(document);
    const menu = document.getElementById('menu')!;
    expect(index.chainOf(menu)).toBe(elementsChainFor(menu));
    expect(index.chainOf(menu)).toBe(index.chainOf(menu));
    const plain = document.getElementById('plain')!;
    expect(index.chainOf(plain)).toBe(elementsChainFor(plain));
    expect(index.columnsOf(document.getElementById('home')!).href).toBe('/');
  });

  it.each([
    ['#menu', ['menu']],
    ['button', ['menu', 'send', 'in-shadow', 'after-shadow']],
    ['li > a', ['item1', 'item2']],
    ['[href="/2"]', ['item2']],
    ['.shadow-btn', ['in-shadow']],
    ['header a', ['home']],
    ['form', ['signup', 'email-label', 'email', 'send']],
    [':nth-of-type(1)', []],
  ])('server match of %s', (selector, expected) => {
    expect(ids(CandidateIndex.build(document).serverMatches(selector))).toEqual(expected);
  });
});
