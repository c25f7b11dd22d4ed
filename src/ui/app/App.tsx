import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { EventsView } from '../events/EventsView';
import { SiteAccessCard } from '../site/SiteAccessCard';
import { useConnectionStore, watchConnection } from '../stores/connectionStore';
import { useEventsStore } from '../stores/eventsStore';
import { useSiteStore } from '../stores/siteStore';
import { openSidePanel } from '../../platform/sidePanel';
import { ConnectionBanner } from './ConnectionBanner';
import './app.css';

/** The popup's view; the side panel shows the same one, following the active tab (see mountApp). */
export function App({ surface }: { surface: 'popup' | 'sidepanel' }) {
  const tabId = useEventsStore((state) => state.tabId);
  const refreshSite = useSiteStore((state) => state.refresh);
  const loadConnection = useConnectionStore((state) => state.load);

  useEffect(() => {
    void loadConnection();
    return watchConnection();
  }, [loadConnection]);

  useEffect(() => {
    if (tabId == null) return;
    void refreshSite(tabId);
    // A navigation in the tab may change the site or load the capture scripts.
    const onUpdated = (updatedId: number, info: { status?: string }) => {
      if (updatedId === tabId && info.status === 'complete') void refreshSite(tabId);
    };
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => browser.tabs.onUpdated.removeListener(onUpdated);
  }, [tabId, refreshSite]);

  return (
    <main className={`app ${surface}`}>
      <header className="row app-header">
        <h1>Actionlens</h1>
        <span className="spacer" />
        {surface === 'popup' && tabId != null && (
          <button type="button" onClick={() => void openSidePanel(tabId)} title="Keep this view open while you click around">
            Open side panel
          </button>
        )}
      </header>
      <SiteAccessCard />
      <ConnectionBanner />
      <EventsView />
    </main>
  );
}
