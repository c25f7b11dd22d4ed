/**
 * The keyboard commands (manifest `commands`). Names only, no extension API: the manifest
 * (wxt.config.ts, src/platform/manifest.ts), the background and the popup share them.
 */

export const TOGGLE_INSPECTOR = 'toggle-inspector';
/** Chrome: our own command, handled with `sidePanel.open` (the key press is the user gesture). */
export const OPEN_SIDE_PANEL = 'open-side-panel';
/** Firefox: the browser's own command that opens the sidebar, no listener needed. */
export const EXECUTE_SIDEBAR_ACTION = '_execute_sidebar_action';

/**
 * Suggested keys. Chrome keeps Alt+Shift+I (its feedback form), +T, +A and +B (focus moves) for
 * itself, and Chromium 14x leaves an extension's Alt+Shift+P, +N, +W, +X and +Z unassigned (tried:
 * `commands.getAll()` answers an empty shortcut); L and O are given. On macOS Option+Shift types
 * characters (Ò, Ø), so Control+Shift there (`MacCtrl`). Users change them in the browser.
 */
const INSPECTOR_KEY = { default: 'Alt+Shift+L', mac: 'MacCtrl+Shift+L' };
const PANEL_KEY = { default: 'Alt+Shift+O', mac: 'MacCtrl+Shift+O' };

export interface ManifestCommand {
  suggested_key: { default: string; mac: string };
  description: string;
}

/** The manifest's `commands` for a browser. */
export function manifestCommands(browser: string): Record<string, ManifestCommand> {
  const panel: Record<string, ManifestCommand> =
    browser === 'firefox'
      ? { [EXECUTE_SIDEBAR_ACTION]: { suggested_key: PANEL_KEY, description: 'Open the Actionlens sidebar' } }
      : { [OPEN_SIDE_PANEL]: { suggested_key: PANEL_KEY, description: 'Open the Actionlens side panel' } };
  return {
    [TOGGLE_INSPECTOR]: { suggested_key: INSPECTOR_KEY, description: 'Inspect the page (open or close the inspector)' },
    ...panel,
  };
}

/** One row of the popup's shortcut list. */
export interface ShortcutRow {
  name: string;
  label: string;
  /** The keys as the browser shows them; null when the user removed the shortcut. */
  keys: string | null;
}

const LABELS: Record<string, string> = {
  [TOGGLE_INSPECTOR]: 'Inspector',
  [OPEN_SIDE_PANEL]: 'Side panel',
  [EXECUTE_SIDEBAR_ACTION]: 'Sidebar',
};

/**
 * What `commands.getAll()` answers, as rows: ours in a fixed order, with the keys the user set
 * (the browser answers an empty string for none). `_execute_action` (the toolbar popup) is listed
 * only when the user gave it keys, since we suggest none.
 */
export function shortcutRows(commands: readonly { name?: string; description?: string; shortcut?: string }[]): ShortcutRow[] {
  const order = [TOGGLE_INSPECTOR, OPEN_SIDE_PANEL, EXECUTE_SIDEBAR_ACTION, '_execute_action'];
  return commands
    .filter((command) => command.name && order.includes(command.name) && (command.name !== '_execute_action' || command.shortcut))
    .sort((a, b) => order.indexOf(a.name!) - order.indexOf(b.name!))
    .map((command) => ({
      name: command.name!,
      label: LABELS[command.name!] ?? 'Popup',
      keys: command.shortcut ? command.shortcut : null,
    }));
}
