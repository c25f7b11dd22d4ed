/** What a key does in inspect mode. */
export type InspectKeyAction = 'parent' | 'child' | 'previous' | 'next' | 'escape';

const KEYS: Readonly<Record<string, InspectKeyAction>> = {
  ArrowUp: 'parent',
  '[': 'parent',
  ArrowDown: 'child',
  ']': 'child',
  ArrowLeft: 'previous',
  ArrowRight: 'next',
  Escape: 'escape',
};

/**
 * The inspect action of a key press, or null for keys the page should keep. Presses with Ctrl, Alt
 * or Meta are the browser's and the site's shortcuts, never ours.
 */
export function inspectKeyAction(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>): InspectKeyAction | null {
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  return KEYS[event.key] ?? null;
}
