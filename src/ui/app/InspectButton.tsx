import { useEffect, useState } from 'react';
import { sendMessage } from '../../messaging/sendMessage';
import { leavePopup } from './leavePopup';

/**
 * Opens (or closes) the inspector overlay on the tab. The click is what grants `activeTab`, so it
 * works on any website, enabled or not. A real popup closes itself so the page can be inspected;
 * the side panel, and the popup opened as a tab (`?tabId=`), stay.
 */
export function InspectButton({ tabId, surface }: { tabId: number; surface: 'popup' | 'sidepanel' }) {
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<boolean | null>(null);
  useEffect(() => {
    // The popup is new each time it opens, and the overlay can be closed from the page: ask the tab.
    let current = true;
    const refresh = () => {
      sendMessage('inspector.state', { tabId })
        .then((state) => current && setOpen(state.open))
        .catch(() => undefined);
    };
    // Asked once the first rows are on screen: the question may have to wake the service worker,
    // which would compete with the popup's first paint.
    const idle = requestIdleCallback(refresh, { timeout: 1000 });
    window.addEventListener('focus', refresh);
    return () => {
      current = false;
      cancelIdleCallback(idle);
      window.removeEventListener('focus', refresh);
    };
  }, [tabId]);
  const toggle = async () => {
    setError(null);
    try {
      const state = await sendMessage('inspector.toggle', { tabId });
      setOpen(state.open);
      if (state.open) leavePopup(surface);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  return (
    <>
      <button type="button" onClick={() => void toggle()} data-testid="open-inspector" data-open={open ?? undefined} title="Point at elements on the page: what autocapture records, and a selector for it">
        {open ? 'Close inspector' : 'Inspect'}
      </button>
      {error && (
        <p className="notice error inspector-error" role="alert" data-testid="inspector-error">
          {error}
        </p>
      )}
    </>
  );
}
