/** Where code runs, as far as the extension's trust boundaries are concerned. */
export type ExtensionContext = 'background' | 'options' | 'extension-page' | 'web';

/**
 * The document Firefox generates for an event page (`background.scripts` in the manifest). Chrome's
 * background is a service worker instead: a scope with no document at all.
 */
const FIREFOX_EVENT_PAGE = '/_generated_background_page.html';

/** Which context this is, judged from the global scope alone (no extension API needed). */
export function currentContext(scope: typeof globalThis = globalThis): ExtensionContext {
  const location = (scope as { location?: Location }).location;
  if (!location || !/^(chrome|moz)-extension:$/.test(location.protocol)) return 'web';
  const hasDocument = typeof (scope as { document?: unknown }).document !== 'undefined';
  if (!hasDocument || location.pathname === FIREFOX_EVENT_PAGE) return 'background';
  if (location.pathname === '/options.html') return 'options';
  return 'extension-page';
}
