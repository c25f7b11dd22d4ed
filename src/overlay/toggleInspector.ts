import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { mountOverlay } from './mountOverlay';

/** Whether the inspector is open in this document, kept in the extension's isolated world. */
const OPEN = Symbol.for('actionlens.inspector.open');
type Registry = { [OPEN]?: boolean };

/**
 * Each injection of the inspector script toggles it. WXT invalidates the previous injection's
 * context as this one's context starts (its "content script started" event), which removes the
 * open overlay; this injection then stays closed if the overlay was open, and opens it if not.
 * Returns whether the inspector is now open.
 */
export async function toggleInspector(ctx: ContentScriptContext): Promise<boolean> {
  const registry = globalThis as Registry;
  const close = () => {
    registry[OPEN] = false;
    ctx.abort();
  };
  if (registry[OPEN]) {
    close();
    return false;
  }
  registry[OPEN] = true;
  await mountOverlay(ctx, close);
  return true;
}
