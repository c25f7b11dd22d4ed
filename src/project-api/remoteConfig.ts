import { randomUUID } from 'node:crypto';
import type { ProjectRow } from './store/projects';

/**
 * What the local API tells posthog-js at start-up. Every version reads the same keys, whichever
 * endpoint carries them (1.130: `/decide/?v=3`; 1.300: `/flags/?v=2&config=true`; 1.449:
 * `/array/<token>/config.js`, falling back to `/array/<token>/config`), so one builder serves all:
 *
 * - autocapture on (`autocapture_opt_out: false`; 1.449 keeps a missing key as "unknown") with
 *   `elementsChainAsString: true`, so autocapture events carry `$elements_chain` and no `$elements`;
 * - dead clicks on (`captureDeadClicks`; the SDK lazy-loads /static/dead-clicks-autocapture.js);
 * - recording, heatmaps, surveys, web vitals, exception autocapture, site apps off — nothing here
 *   stores them, and each would load more scripts;
 * - `supportedCompression` `['gzip-js', 'base64']`, or `[]` when compression is switched off, in
 *   which case the SDK sends plain JSON (useful to read requests in devtools);
 * - `analytics.endpoint` `/i/v0/e/`, as PostHog Cloud answers, so the SDK posts where it does there;
 * - `hasFeatureFlags: false` and empty flags: this project has none.
 */
export function remoteConfig(project: ProjectRow, compression: boolean): Record<string, unknown> {
  return {
    token: project.api_token,
    supportedCompression: compression ? ['gzip-js', 'base64'] : [],
    hasFeatureFlags: false,
    captureDeadClicks: true,
    capturePerformance: false,
    autocapture_opt_out: false,
    autocaptureExceptions: false,
    analytics: { endpoint: '/i/v0/e/' },
    elementsChainAsString: true,
    errorTracking: { autocaptureExceptions: false, suppressionRules: [] },
    sessionRecording: false,
    heatmaps: false,
    surveys: false,
    productTours: false,
    defaultIdentifiedOnly: true,
    siteApps: [],
  };
}

/** `/decide/` (posthog-js ≤ 1.2xx): config plus flags, in the shape of the requested version. */
export function decideResponse(project: ProjectRow, compression: boolean, version: number | undefined): Record<string, unknown> {
  const { token: _token, hasFeatureFlags: _hasFeatureFlags, ...config } = remoteConfig(project, compression);
  return {
    config: { enable_collect_everything: true },
    toolbarParams: {},
    isAuthenticated: false,
    editorParams: {},
    ...config,
    ...flagsPayload(version === undefined || version < 2 ? 'keys' : version >= 4 ? 'details' : 'values'),
  };
}

/** `/flags/`: flags only, plus the config when asked with `config=true` (posthog-js 1.300). */
export function flagsResponse(
  project: ProjectRow,
  compression: boolean,
  version: number | undefined,
  withConfig: boolean,
): Record<string, unknown> {
  const { token: _token, ...config } = remoteConfig(project, compression);
  return { ...(withConfig ? config : {}), ...flagsPayload(version !== undefined && version >= 2 ? 'details' : 'values'), requestId: randomUUID() };
}

type FlagsShape = 'details' | 'values' | 'keys';

/**
 * No flags, in the shape each protocol version uses: `flags` with details per key (`/decide/?v=4`,
 * `/flags/?v=2`), `featureFlags` values (`/decide/?v=2|3`, `/flags/` v1), or a list of enabled keys
 * (`/decide/` v1).
 */
function flagsPayload(shape: FlagsShape): Record<string, unknown> {
  if (shape === 'details') return { flags: {}, errorsWhileComputingFlags: false };
  return { featureFlags: shape === 'values' ? {} : [], featureFlagPayloads: {}, errorsWhileComputingFlags: false };
}

/** `/array/<token>/config.js`: what PostHog serves, the config assigned where the SDK looks for it. */
export function remoteConfigScript(project: ProjectRow, compression: boolean): string {
  const payload = JSON.stringify({ config: remoteConfig(project, compression), siteApps: [] });
  const token = JSON.stringify(project.api_token);
  return `(function() {
  window._POSTHOG_REMOTE_CONFIG = window._POSTHOG_REMOTE_CONFIG || {};
  window._POSTHOG_REMOTE_CONFIG[${token}] = ${payload.replace(/</g, '\\u003c')};
})();
`;
}
