import { createRoot } from 'react-dom/client';
import { initAnalytics } from './analytics';
import { App } from './App';
import { demoConfig } from './demoConfig';
import { titleForPath } from './routes';
import './styles.css';

// Before the first render: posthog-js captures the initial $pageview during init and patches
// history.pushState for later ones, so it must be in place before any in-app navigation.
initAnalytics(demoConfig);
document.title = titleForPath(location.pathname);
createRoot(document.getElementById('root')!).render(<App />);
