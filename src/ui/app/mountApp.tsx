import { createRoot } from 'react-dom/client';
import { watchCurrentTab } from '../currentTab';
import { followTabEvents } from '../stores/eventsStore';
import { App } from './App';

/**
 * Starts the popup's or the side panel's view. The tab's events are read from the start, while
 * React renders the page around them: the first rows wait for IndexedDB alone, not for IndexedDB
 * after React's first render and effects.
 */
export function mountApp(surface: 'popup' | 'sidepanel', root: HTMLElement): void {
  let unfollow = () => {};
  watchCurrentTab(surface === 'sidepanel', (tabId) => {
    unfollow();
    unfollow = followTabEvents(tabId);
  });
  createRoot(root).render(<App surface={surface} />);
}
