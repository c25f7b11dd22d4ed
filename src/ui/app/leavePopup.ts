/**
 * After a button that opens something in the page (the inspector, an action in its builder), a real
 * toolbar popup closes itself so the page can be used. The side panel stays, and so does the popup
 * opened as a tab (`?tabId=`, tests and links), which has a page of its own.
 */
export function leavePopup(surface: 'popup' | 'sidepanel'): void {
  if (surface === 'popup' && !new URLSearchParams(location.search).has('tabId')) window.close();
}
