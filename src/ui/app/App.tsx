import { lazy, Suspense, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { EventsView } from '../events/EventsView';
import { IdentityLine, PersonView } from '../person/PersonView';
import { SiteAccessCard } from '../site/SiteAccessCard';
import { followProjectActions, followTabDraft } from '../stores/actionsStore';
import { useConnectionStore, watchConnection } from '../stores/connectionStore';
import { useEventsStore } from '../stores/eventsStore';
import { followTabPersistence } from '../stores/personStore';
import { useSiteStore } from '../stores/siteStore';
import { openSidePanel, sidePanelName } from '../../platform/sidePanel';
import { ConnectionBanner } from './ConnectionBanner';
import { InspectButton } from './InspectButton';
import { Shortcuts } from './Shortcuts';
import './app.css';

type View = 'events' | 'person' | 'actions';
const VIEWS: Array<{ id: View; label: string }> = [
  { id: 'events', label: 'Events' },
  { id: 'person', label: 'Person' },
  { id: 'actions', label: 'Actions' },
];

/** `?view=person` or `?view=actions` opens that view first (tests, and links from other pages). */
const initialView = (): View => {
  const asked = new URLSearchParams(location.search).get('view');
  return VIEWS.find((view) => view.id === asked)?.id ?? 'events';
};

/** Not needed for the first paint of the Events view. */
const ActionsView = lazy(() => import('../actions/ActionsView').then((module) => ({ default: module.ActionsView })));

/** The popup's view; the side panel (Firefox: sidebar) shows the same one, following the active tab (see mountApp). */
export function App({ surface }: { surface: 'popup' | 'sidepanel' }) {
  const tabId = useEventsStore((state) => state.tabId);
  const [view, setView] = useState<View>(initialView);
  const showEvent = (key: string) => {
    setView('events');
    const { events, select } = useEventsStore.getState();
    select(events.find((event) => event.key === key) ?? null);
  };
  const refreshSite = useSiteStore((state) => state.refresh);
  const loadConnection = useConnectionStore((state) => state.load);

  useEffect(() => {
    void loadConnection();
    const unwatchConnection = watchConnection();
    const unfollowActions = followProjectActions();
    return () => {
      unwatchConnection();
      unfollowActions();
    };
  }, [loadConnection]);

  useEffect(() => {
    if (tabId == null) return;
    void refreshSite(tabId);
    const unfollowPersistence = followTabPersistence(tabId);
    const unfollowDraft = followTabDraft(tabId);
    // A navigation in the tab may change the site or load the capture scripts.
    const onUpdated = (updatedId: number, info: { status?: string }) => {
      if (updatedId === tabId && info.status === 'complete') void refreshSite(tabId);
    };
    browser.tabs.onUpdated.addListener(onUpdated);
    return () => {
      unfollowPersistence();
      unfollowDraft();
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, [tabId, refreshSite]);

  return (
    <main className={`app ${surface}`}>
      <header className="row app-header">
        <h1>Actionlens</h1>
        <nav className="view-tabs" role="tablist" aria-label="Views">
          {VIEWS.map(({ id, label }) => (
            <button key={id} type="button" role="tab" aria-selected={view === id} aria-controls={`view-${id}`} onClick={() => setView(id)} data-testid={`view-${id}`}>
              {label}
            </button>
          ))}
        </nav>
        <span className="spacer" />
        {tabId != null && <InspectButton key={tabId} tabId={tabId} surface={surface} />}
        {surface === 'popup' && tabId != null && (
          <button type="button" onClick={() => void openSidePanel(tabId)} title="Keep this view open while you click around" data-testid="open-side-panel">
            Open {sidePanelName()}
          </button>
        )}
      </header>
      <SiteAccessCard />
      <ConnectionBanner onOpenActions={() => setView('actions')} />
      {view === 'events' && (
        <div id="view-events" role="tabpanel" className="view-panel">
          <IdentityLine onOpen={() => setView('person')} />
          <EventsView />
        </div>
      )}
      {view === 'person' && (
        <div id="view-person" role="tabpanel" className="view-panel">
          <PersonView onShowEvent={showEvent} />
        </div>
      )}
      {view === 'actions' && (
        <div id="view-actions" role="tabpanel" className="view-panel">
          <Suspense fallback={<p className="muted empty">Loading…</p>}>
            <ActionsView surface={surface} />
          </Suspense>
        </div>
      )}
      <Shortcuts />
    </main>
  );
}
