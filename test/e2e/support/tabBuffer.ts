import type { Page } from '@playwright/test';
import type { TabEvents } from '../../../src/capture/tabEvents';
import type { LoadedExtension } from './extension';

const probes = new WeakMap<LoadedExtension, Page>();

/**
 * A tab's event buffer, asked of the background exactly as the popup asks (`events.list` from an
 * extension page), so tests do not depend on where or how the buffer is stored.
 */
export async function readTabEvents(extension: LoadedExtension, tabId: number): Promise<TabEvents> {
  let probe = probes.get(extension);
  if (!probe || probe.isClosed()) {
    probe = await extension.openPage('options.html');
    probes.set(extension, probe);
  }
  const reply = await probe.evaluate(
    (id) =>
      (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({
        type: 'events.list',
        payload: { tabId: id },
      }),
    tabId,
  );
  const typed = reply as { ok: true; value: TabEvents } | { ok: false; error: string };
  if (!typed.ok) throw new Error(`events.list failed: ${typed.error}`);
  return typed.value;
}
