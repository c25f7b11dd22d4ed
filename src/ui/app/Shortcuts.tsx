import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { shortcutRows, type ShortcutRow } from '../../platform/commands';
import { canOpenShortcutSettings, openShortcutSettings } from '../../platform/shortcutSettings';

/**
 * The keyboard shortcuts as the browser has them now (`commands.getAll()`: a shortcut the user
 * changed or removed shows as it is), and the way to the browser's page that changes them.
 */
export function Shortcuts() {
  const [rows, setRows] = useState<ShortcutRow[] | null>(null);
  useEffect(() => {
    let current = true;
    browser.commands
      .getAll()
      .then((commands) => current && setRows(shortcutRows(commands)))
      .catch(() => current && setRows([]));
    return () => {
      current = false;
    };
  }, []);
  if (!rows || rows.length === 0) return null;
  return (
    <footer className="shortcuts muted" data-testid="shortcuts">
      <span>Keys:</span>
      {rows.map((row) => (
        <span key={row.name} data-testid={`shortcut-${row.name}`}>
          {row.label} {row.keys ? <kbd>{row.keys}</kbd> : <em>not set</em>}
        </span>
      ))}
      {canOpenShortcutSettings() && (
        <button type="button" className="link" onClick={() => void openShortcutSettings()} data-testid="change-shortcuts">
          Change
        </button>
      )}
    </footer>
  );
}
