export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * An element's box in the top window's viewport. Elements of same-origin iframes are offset by
 * each frame element's position and border; open shadow roots need nothing (their boxes are the
 * document's).
 */
export function viewportRect(element: Element, top: Window): Box {
  const rect = element.getBoundingClientRect();
  let x = rect.left;
  let y = rect.top;
  for (let win: Window | null = element.ownerDocument.defaultView; win && win !== top; win = win.parent) {
    const frame = win.frameElement;
    if (!frame) break;
    const frameRect = frame.getBoundingClientRect();
    x += frameRect.left + frame.clientLeft;
    y += frameRect.top + frame.clientTop;
  }
  return { x, y, width: rect.width, height: rect.height };
}
