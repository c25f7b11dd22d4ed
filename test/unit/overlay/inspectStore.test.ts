// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { navigateFrom, type Direction } from '../../../src/overlay/inspect/elementNavigation';
import { createInspectStore } from '../../../src/overlay/inspect/inspectStore';

/** `hidden` marks what the inspector may not highlight (no box, or a ph-no-capture region). */
const PAGE = `
<main id="main">
  <nav id="nav"><a id="home">Home</a><span id="gap" hidden></span><a id="pricing">Pricing</a><a id="docs">Docs</a></nav>
  <div id="wrapper" hidden><section id="inner"><button id="deep">Deep</button></section></div>
  <div id="host"></div>
  <div id="empty"></div>
</main>`;

const byId = (id: string) => document.getElementById(id)!;
const accept = (element: Element) => !element.hasAttribute('hidden');

beforeEach(() => {
  document.body.innerHTML = PAGE;
  byId('host').attachShadow({ mode: 'open' }).innerHTML = '<button id="in-shadow">In shadow</button>';
});

describe('navigateFrom', () => {
  it.each<[string, Direction, string | null]>([
    ['home', 'parent', 'nav'],
    ['nav', 'parent', 'main'],
    ['main', 'parent', null], // never <body> or <html>
    ['nav', 'child', 'home'],
    ['home', 'child', null],
    ['home', 'next', 'pricing'], // skips the hidden span
    ['pricing', 'previous', 'home'],
    ['docs', 'next', null],
    ['home', 'previous', null],
    ['nav', 'next', 'inner'], // a rejected wrapper is looked through, depth first
    ['main', 'child', 'nav'],
    ['host', 'child', 'in-shadow'], // into an open shadow root
  ])('from #%s, %s → %s', (from, direction, to) => {
    const found = navigateFrom(byId(from), direction, accept);
    expect(found?.id ?? null).toBe(to);
  });

  it('climbs out of a shadow root to its host', () => {
    const inShadow = byId('host').shadowRoot!.getElementById('in-shadow')!;
    expect(navigateFrom(inShadow, 'parent', accept)?.id).toBe('host');
  });
});

describe('the inspect store', () => {
  const create = () => createInspectStore({ highlightable: accept, sideAwayFrom: (element) => (element.id === 'docs' ? 'left' : 'right') });

  it('Escape unpins first, and closes only when nothing is pinned', () => {
    const store = create();
    store.getState().pin(byId('home'));
    expect(store.getState().escape()).toBe('unpinned');
    expect(store.getState().pinned).toBeNull();
    expect(store.getState().escape()).toBe('close');
  });

  it('keys move the pin from the pinned element, else from the hovered one', () => {
    const store = create();
    expect(store.getState().navigate('parent')).toBe(false);
    store.getState().hover(byId('home'));
    expect(store.getState().navigate('next')).toBe(true);
    expect(store.getState().pinned?.id).toBe('pricing');
    expect(store.getState().navigate('next')).toBe(true);
    expect(store.getState().pinned?.id).toBe('docs');
    expect(store.getState().navigate('next')).toBe(false);
    expect(store.getState().pinned?.id).toBe('docs');
  });

  it('pinning docks the panel away from the element; the user can switch it', () => {
    const store = create();
    store.getState().pin(byId('docs'));
    expect(store.getState().panelSide).toBe('left');
    store.getState().switchSide();
    expect(store.getState().panelSide).toBe('right');
    store.getState().pin(byId('home'));
    expect(store.getState().panelSide).toBe('right');
  });

  it('show all toggles; hovering the same element again changes nothing', () => {
    const store = create();
    let changes = 0;
    store.subscribe(() => changes++);
    store.getState().hover(byId('home'));
    store.getState().hover(byId('home'));
    expect(changes).toBe(1);
    store.getState().toggleShowAll();
    expect(store.getState().showAll).toBe(true);
    store.getState().toggleShowAll();
    expect(store.getState().showAll).toBe(false);
  });
});
