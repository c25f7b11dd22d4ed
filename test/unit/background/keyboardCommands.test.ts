import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls = vi.hoisted(() => ({
  toggleInspector: vi.fn(async (_tabId: number) => ({ open: true })),
  openSidePanel: vi.fn(async (_tabId: number) => undefined),
  showTabProblem: vi.fn(async (_tabId: number, _message: string) => undefined),
  clearTabProblem: vi.fn(async (_tabId: number) => undefined),
}));
vi.mock('../../../src/background/inspector', () => ({ toggleInspector: calls.toggleInspector }));
vi.mock('../../../src/platform/sidePanel', () => ({ openSidePanel: calls.openSidePanel }));
vi.mock('../../../src/capture/eventBadge', () => ({ showTabProblem: calls.showTabProblem, clearTabProblem: calls.clearTabProblem }));

const { onKeyboardCommand } = await import('../../../src/background/keyboardCommands');
const tab = { id: 3 } as Parameters<typeof onKeyboardCommand>[1];

beforeEach(() => {
  for (const fn of Object.values(calls)) fn.mockClear();
});

describe('keyboard commands', () => {
  it('the inspector command toggles the inspector on the tab and clears an earlier "!"', async () => {
    await onKeyboardCommand('toggle-inspector', tab);
    expect(calls.toggleInspector).toHaveBeenCalledWith(3);
    expect(calls.clearTabProblem).toHaveBeenCalledWith(3);
  });

  it('where the inspector cannot run, the reason goes on the tab\'s icon', async () => {
    calls.toggleInspector.mockRejectedValueOnce(new Error('The inspector cannot run on this page'));
    await onKeyboardCommand('toggle-inspector', tab);
    expect(calls.showTabProblem).toHaveBeenCalledWith(3, 'The inspector cannot run on this page');
  });

  it('the side panel command opens the panel for the tab, first thing (the user gesture)', async () => {
    await onKeyboardCommand('open-side-panel', tab);
    expect(calls.openSidePanel).toHaveBeenCalledWith(3);
    expect(calls.toggleInspector).not.toHaveBeenCalled();
  });

  it('other commands do nothing', async () => {
    await onKeyboardCommand('_execute_action', tab);
    expect(Object.values(calls).every((fn) => fn.mock.calls.length === 0)).toBe(true);
  });
});
