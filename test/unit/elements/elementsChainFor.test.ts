// @vitest-environment happy-dom
import { autocapturePropertiesForElement } from '@posthog/browser-common/autocapture';
import { beforeEach, describe, expect, it } from 'vitest';
import { CandidateIndex, elementsChainFor, recordedElementFor, sdkElementsFor } from '../../../src/core/elements';
import { sdkElementsToChain } from '../../../src/core/elements/elementsChain';

/**
 * Chains against the SDK's own code: browser-common 0.11.0's `autocapturePropertiesForElement` (what
 * posthog-js 1.449.2 runs on a click) on the same happy-dom tree. The e2e test
 * `elements-chain.spec.ts` does the same with real clicks in real browsers.
 */
const PAGE = `
<div id="app" class="app  main" data-attr="root">
  <a id="link" href="https://example.com/pricing?a=1#top" class="nav-link">Pricing <span id="link-span">now</span></a>
  <button id="button" class="btn primary" data-testid="buy"><span id="button-span">Buy <b>bold</b> <span>nested</span></span><svg id="icon" class="icon"><path id="icon-path"></path></svg></button>
  <ul><li id="li1">one</li><li id="li2">two</li><li id="li3" class="clickable">three</li></ul>
  <input id="text" type="text" name="company" value="ACME" placeholder="Company">
  <input id="password" type="password" name="pw" value="hunter2">
  <input id="checkbox" type="checkbox" name="agree" value="yes" checked>
  <textarea id="textarea" name="bio">my bio</textarea>
  <select id="select" name="plan"><option value="a">A</option></select>
  <label id="label" for="text">Company <em>name</em></label>
  <div class="ph-sensitive"><button id="sensitive-button" class="s">Secret</button></div>
  <button id="quoted" title='say "hi"' class='q"uote'>It's "quoted" &amp; &lt;escaped&gt;</button>
  <button id="long">${'long text '.repeat(60)}</button>
  <div id="long-attr" data-long="${'x'.repeat(1100)}" _ngcontent-abc="" _nghost-x="">text</div>
  <button id="card" data-ph-capture-attribute-plan="pro">4111 1111 1111 1111 Card 123-45-6789</button>
  <button id="export-id">Export</button>
  <a id="outer" href="/outer"><span><a id="inner" href="/inner">inner</a></span></a>
  <svg id="lone-svg"><circle id="circle"></circle></svg>
  <div id="host"></div>
  <a id="no-href">no href</a>
  <p id="text-node-parent">hello <i>world</i></p>
</div>`;

beforeEach(() => {
  document.body.innerHTML = PAGE;
  const host = document.getElementById('host')!;
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.innerHTML = '<div class="inner-wrap"><button id="shadow-button" class="sb">Shadow</button></div>';
});

/**
 * happy-dom's NamedNodeMap has enumerable own keys besides the indices (`:id`, `:class`…), which the
 * SDK's `each` (a `for…in`) would walk as attributes; browsers have only the indices. Give the SDK
 * an array of the same attributes, which `each` walks with `forEach`.
 */
function browserLikeAttributes(root: ParentNode): void {
  for (const el of root.querySelectorAll('*')) {
    Object.defineProperty(el, 'attributes', { value: Array.from(el.attributes), configurable: true });
    if (el.shadowRoot) browserLikeAttributes(el.shadowRoot);
  }
}

function sdkChain(el: Element, type = 'click'): string {
  browserLikeAttributes(document);
  const { props } = autocapturePropertiesForElement(el, { e: { type } as Event, maskAllElementAttributes: false, maskAllText: false } as never) as {
    props: Record<string, unknown>;
  };
  return props['$elements_chain'] as string;
}

function sdkElements(el: Element): unknown[] {
  browserLikeAttributes(document);
  const { props } = autocapturePropertiesForElement(el, { e: { type: 'click' } as Event, maskAllElementAttributes: false, maskAllText: false } as never) as {
    props: Record<string, unknown>;
  };
  return props['$elements'] as unknown[];
}

function find(id: string): Element {
  const el = document.getElementById(id) ?? document.getElementById('host')!.shadowRoot!.getElementById(id);
  if (!el) throw new Error(`no #${id}`);
  return el;
}

const IDS = [
  'app', 'link', 'link-span', 'button', 'button-span', 'icon', 'icon-path', 'li1', 'li2', 'li3', 'text', 'password', 'checkbox',
  'textarea', 'select', 'label', 'sensitive-button', 'quoted', 'long', 'long-attr', 'card', 'export-id', 'outer', 'inner',
  'lone-svg', 'circle', 'shadow-button', 'no-href', 'text-node-parent',
];

describe('elementsChainFor equals browser-common 0.11.0 autocapturePropertiesForElement', () => {
  it.each(IDS)('click on #%s', (id) => {
    expect(elementsChainFor(find(id))).toBe(sdkChain(find(id)));
  });

  it.each(['text', 'select', 'textarea'])('change on #%s', (id) => {
    expect(elementsChainFor(find(id), 'change')).toBe(sdkChain(find(id), 'change'));
  });

  it('change on an SVG does not re-attribute to the button', () => {
    expect(elementsChainFor(find('icon-path'), 'change')).toBe(sdkChain(find('icon-path'), 'change'));
    expect(elementsChainFor(find('icon-path'), 'change')).toMatch(/^path:/);
  });

  it.each(IDS)('$elements of #%s equal the SDK and give the same chain', (id) => {
    const ours = sdkElementsFor(find(id)).map(({ ...el }) => el);
    const theirs = (sdkElements(find(id)) as Record<string, unknown>[]).map(({ classes: _classes, ...el }) => el);
    expect(ours).toEqual(theirs);
    expect(sdkElementsToChain(ours)).toBe(sdkChain(find(id)));
  });
});

describe('CandidateIndex.chainOf (ancestors written once, shared)', () => {
  it('gives elementsChainFor for every element, in any order', () => {
    const all = [...document.body.querySelectorAll('*'), ...document.getElementById('host')!.shadowRoot!.querySelectorAll('*')];
    const index = CandidateIndex.build(document);
    for (const el of [...all].reverse()) expect(index.chainOf(el)).toBe(elementsChainFor(el));
    for (const el of all) expect(index.chainOf(el)).toBe(elementsChainFor(el));
  });
});

describe('chain details', () => {
  it('writes the clicked element first with sorted classes and attributes', () => {
    expect(elementsChainFor(find('li2'))).toBe(
      'li:attr__id="li2"attr_id="li2"nth-child="2"nth-of-type="2"text="two";ul:nth-child="3"nth-of-type="1";div.app.main:attr__class="app main"attr__data-attr="root"attr__id="app"attr_id="app"nth-child="1"nth-of-type="1";body:nth-child="2"nth-of-type="1"',
    );
  });

  it('puts the outermost link href on the clicked element', () => {
    expect(elementsChainFor(find('link-span'))).toMatch(/^span:attr__href="https:\/\/example.com\/pricing\?a=1#top"attr__id="link-span"attr_id="link-span"href="https/);
  });

  it('attributes an SVG click to its button', () => {
    expect(elementsChainFor(find('icon-path'))).toMatch(/^button\.btn\.primary:/);
    expect(recordedElementFor(find('icon-path'))).toBe(find('button'));
  });

  it('keeps only name, id, class and aria-label of sensitive inputs, and no text', () => {
    expect(elementsChainFor(find('password'))).toMatch(/^input:attr__id="password"attr__name="pw"attr_id="password"nth-child/);
  });

  it('crosses an open shadow root to its host', () => {
    expect(elementsChainFor(find('shadow-button'))).toMatch(/^button\.sb:.*;div\.inner-wrap:.*;div:attr__id="host"/);
  });
});

describe('recordedElementFor', () => {
  it('takes a text node as its parent', () => {
    expect(recordedElementFor(find('text-node-parent').firstChild!)).toBe(find('text-node-parent'));
  });

  it('keeps an element inside an open shadow root', () => {
    expect(recordedElementFor(find('shadow-button'))).toBe(find('shadow-button'));
  });

  it('gives the host for an element inside a closed shadow root', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const closed = host.attachShadow({ mode: 'closed' });
    closed.innerHTML = '<button>in closed</button>';
    expect(recordedElementFor(closed.firstElementChild!)).toBe(host);
  });

  it('is null for a document', () => {
    expect(recordedElementFor(document)).toBeNull();
  });
});
