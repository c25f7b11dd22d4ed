export type Direction = 'parent' | 'child' | 'previous' | 'next';

/**
 * The element keyboard navigation moves to from `from`, skipping what `accept` rejects (elements
 * without a box, the site's ph-no-capture regions), or null when there is none. Parents cross open
 * shadow roots to their host and stop below `<body>`; children enter an open shadow root.
 */
export function navigateFrom(from: Element, direction: Direction, accept: (element: Element) => boolean): Element | null {
  switch (direction) {
    case 'parent': {
      for (let element = parentOf(from); element; element = parentOf(element)) {
        if (element.localName === 'body' || element.localName === 'html') return null;
        if (accept(element)) return element;
      }
      return null;
    }
    case 'child':
      return firstAccepted(childrenOf(from), accept);
    case 'previous':
    case 'next': {
      const parent = parentOf(from);
      const siblings = parent ? childrenOf(parent) : [];
      const at = siblings.indexOf(from);
      const candidates = direction === 'next' ? siblings.slice(at + 1) : siblings.slice(0, at).reverse();
      return firstAccepted(candidates, accept);
    }
  }
}

function parentOf(element: Element): Element | null {
  if (element.parentElement) return element.parentElement;
  const root = element.getRootNode();
  return root instanceof element.ownerDocument.defaultView!.ShadowRoot ? root.host : null;
}

function childrenOf(element: Element): Element[] {
  return [...(element.shadowRoot ?? element).children];
}

/** The first accepted element, looking depth-first through rejected ones (a wrapper without a box). */
function firstAccepted(elements: readonly Element[], accept: (element: Element) => boolean): Element | null {
  for (const element of elements) {
    if (accept(element)) return element;
    const inner = firstAccepted(childrenOf(element), accept);
    if (inner) return inner;
  }
  return null;
}
