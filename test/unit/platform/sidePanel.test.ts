import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openSidePanel, sidePanelName } from '../../../src/platform/sidePanel';

/** The fake browser has neither panel API: each test gives it the one a browser has. */
const panelApis = fakeBrowser as unknown as Record<string, unknown>;

afterEach(() => {
  delete panelApis.sidePanel;
  delete panelApis.sidebarAction;
  vi.restoreAllMocks();
});

describe('the persistent view', () => {
  it('Chrome: opens the side panel for the tab', async () => {
    const open = vi.fn(async () => undefined);
    panelApis.sidePanel = { open };
    expect(sidePanelName()).toBe('side panel');
    await openSidePanel(7);
    expect(open).toHaveBeenCalledWith({ tabId: 7 });
  });

  it("Firefox: opens the window's sidebar", async () => {
    const open = vi.fn(async () => undefined);
    panelApis.sidebarAction = { open };
    expect(sidePanelName()).toBe('sidebar');
    await openSidePanel(7);
    expect(open).toHaveBeenCalledWith();
  });
});
