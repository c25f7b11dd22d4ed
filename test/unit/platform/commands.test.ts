import { describe, expect, it } from 'vitest';
import { EXECUTE_SIDEBAR_ACTION, manifestCommands, OPEN_SIDE_PANEL, shortcutRows, TOGGLE_INSPECTOR } from '../../../src/platform/commands';

describe('keyboard commands in the manifest', () => {
  it('Chrome: the inspector and our own side panel command', () => {
    const commands = manifestCommands('chrome');
    expect(Object.keys(commands)).toEqual([TOGGLE_INSPECTOR, OPEN_SIDE_PANEL]);
    expect(commands[TOGGLE_INSPECTOR]!.suggested_key).toEqual({ default: 'Alt+Shift+L', mac: 'MacCtrl+Shift+L' });
  });

  it("Firefox: the inspector and the browser's own sidebar command", () => {
    expect(Object.keys(manifestCommands('firefox'))).toEqual([TOGGLE_INSPECTOR, EXECUTE_SIDEBAR_ACTION]);
  });

  it.each(['chrome', 'firefox'])('%s: no suggested key is one the browser keeps for itself', (browser) => {
    // Chrome: Alt+Shift+I (feedback), +T (toolbar), +A (dialogs), +B (bookmarks bar); Chromium does not
    // assign P, N, W, X, Z to an extension. Firefox: Ctrl+Shift combos.
    const taken = ['I', 'T', 'A', 'B', 'P', 'N', 'W', 'X', 'Z'].map((key) => `Alt+Shift+${key}`);
    for (const command of Object.values(manifestCommands(browser))) {
      expect(taken).not.toContain(command.suggested_key.default);
      expect(command.suggested_key.default.startsWith('Ctrl+Shift')).toBe(false);
      expect(command.description.length).toBeGreaterThan(0);
    }
  });
});

describe('the popup\'s shortcut rows', () => {
  it.each([
    {
      case: 'Chrome, as suggested',
      commands: [
        { name: OPEN_SIDE_PANEL, shortcut: 'Alt+Shift+O' },
        { name: '_execute_action', shortcut: '' },
        { name: TOGGLE_INSPECTOR, shortcut: 'Alt+Shift+L' },
      ],
      rows: [
        { name: TOGGLE_INSPECTOR, label: 'Inspector', keys: 'Alt+Shift+L' },
        { name: OPEN_SIDE_PANEL, label: 'Side panel', keys: 'Alt+Shift+O' },
      ],
    },
    {
      case: 'Firefox, one removed by the user and the popup given keys',
      commands: [
        { name: TOGGLE_INSPECTOR, shortcut: '' },
        { name: EXECUTE_SIDEBAR_ACTION, shortcut: 'Alt+Shift+O' },
        { name: '_execute_action', shortcut: 'Ctrl+Alt+A' },
      ],
      rows: [
        { name: TOGGLE_INSPECTOR, label: 'Inspector', keys: null },
        { name: EXECUTE_SIDEBAR_ACTION, label: 'Sidebar', keys: 'Alt+Shift+O' },
        { name: '_execute_action', label: 'Popup', keys: 'Ctrl+Alt+A' },
      ],
    },
    { case: 'an unknown command', commands: [{ name: 'other', shortcut: 'Alt+O' }], rows: [] },
  ])('$case', ({ commands, rows }) => {
    expect(shortcutRows(commands)).toEqual(rows);
  });
});
