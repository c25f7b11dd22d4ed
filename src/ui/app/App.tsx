import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { EventsView } from '../events/EventsView';
import { SiteAccessCard } from '../site/SiteAccessCard';
import { useConnectionStore, watchConnection } from '../stores/connectionStore';
import { followTabEvents } from '../stores/eventsStore';
import { useSiteStore } from '../stores/siteStore';
import { useTabId } from '../useTabId';
import { openSidePanel, sidePanelName } from '../../platform/sidePanel';
import { ConnectionBanner } from './ConnectionBanner';
import './app.css';

/** The popup's view; the side panel (Firefox: sidebar) shows the same one, following the active tab. */
export function App({ surface }: { surface: 'popup' | 'sidepanel' }) {
  const tabId = useTabId(surface === 'sidepanel');
  const refreshSite = useSiteStore((state) => state.refresh);
  const loadConnection = useConnectionStore((state) => state.load);

  useEffect(() => {
    void loadConnection();
    return watchConnection();
  }, [loadConnection]);

  useEffect(() => {
    if (tabId == null) return;
    void refreshSite(tabId);
    const unfollow = followTabEvents(tabId);
    // A navigation in the tab may change the site or load the capture scripts.
    const onUpdated = (updatedId: number, info: { status?: string }) => {
      if (updatedId === tabId && info.status === 'complete') void refreshSite(tabId);
    };
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      unfollow();
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, [tabId, refreshSite]);

  return (
    <main className={`app ${surface}`}>
      <header className="row app-header">
        <h1>Actionlens</h1>
        <span className="spacer" />
        {surface === 'popup' && tabId != null && (
          <button type="button" onClick={() => void openSidePanel(tabId)} title="Keep this view open while you click around">
            Open {sidePanelName()}
          </button>
        )}
      </header>
      <SiteAccessCard />
      <ConnectionBanner />
      <EventsView />
    </main>
  );
}
