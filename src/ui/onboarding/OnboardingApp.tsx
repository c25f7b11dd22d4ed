import { sidePanelName } from '../../platform/sidePanel';
import { EnableSiteForm } from './EnableSiteForm';
import './onboarding.css';

/**
 * The page the background opens once, after a fresh install (src/background/onboarding.ts): what
 * Actionlens does and the three ways to start. Text and links, and a form that enables a site as the popup does.
 */
export function OnboardingApp() {
  const panel = sidePanelName();
  return (
    <main className="onboarding">
      <h1>Welcome to Actionlens</h1>
      <p className="muted">
        A toolbar for PostHog-compatible product analytics, on any website you choose. It works in three parts:
      </p>
      <ul className="parts" aria-label="What Actionlens does">
        <li>
          <strong>Live events.</strong> Every event the site’s PostHog SDK sends, decoded as it leaves the page, in the
          popup and the {panel}, with who the visitor is.
        </li>
        <li>
          <strong>Inspector.</strong> Point at the page to see what autocapture records for a click there, and build an
          action with a selector the project API really matches.
        </li>
        <li>
          <strong>Project connection.</strong> Your project’s actions on the events they match, their sync, and a heatmap of
          its click stats.
        </li>
      </ul>

      <section aria-labelledby="enable-heading">
        <h2 id="enable-heading">1. Enable a site</h2>
        <p>
          Open the site you want to debug, click the Actionlens icon in the toolbar (it may be under the extensions
          menu: pin it), and press <strong>Enable on this site</strong>. The browser asks for that one site only;
          Actionlens watches it from the next page load. <strong>Open {panel}</strong> keeps the view beside the page, and{' '}
          <strong>Inspect</strong> opens the inspector.
        </p>
        <EnableSiteForm />
      </section>

      <section aria-labelledby="connect-heading">
        <h2 id="connect-heading">2. Connect a project</h2>
        <p>
          Live events and the inspector need no connection. For actions, persons and click stats, give Actionlens your
          PostHog Cloud, self-hosted or local project and a personal API key. The key stays in this browser and is sent
          only to that project’s API.
        </p>
        <p>
          <a className="button-link" href="options.html" target="_blank" rel="noopener" data-testid="open-options">
            Open settings to connect a project
          </a>
        </p>
      </section>

      <section aria-labelledby="demo-heading">
        <h2 id="demo-heading">3. Or try the demo</h2>
        <p>
          From a clone of the Actionlens repository, <code>npm start</code> runs a local project API and a demo shop
          with the real posthog-js, and opens Chromium with Actionlens connected: click around the demo, then click the
          icon.
        </p>
        <p>
          With the store version, try it on any site that uses PostHog, your own or another: enable it as in step 1 and
          watch its events. Nothing leaves your browser except requests to the project API you connect.
        </p>
      </section>
    </main>
  );
}
