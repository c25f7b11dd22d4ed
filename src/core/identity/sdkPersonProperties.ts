/**
 * Person properties the SDK fills in by itself rather than the site's code: `$`-prefixed ones
 * (`$initial_referrer`, `$current_url`, …) and the campaign parameters posthog-js sends unprefixed
 * in `$set_once` at the start of each session (`utm_source`, `gclid`, …; `CAMPAIGN_PARAMS` and
 * `PERSONAL_DATA_CAMPAIGN_PARAMS` in @posthog/browser-common `event-utils`, `ph_keyword` from the
 * search-engine referrer). Their `$set_once` values change from session to session by design, and
 * click ids are long random strings: the QA checks leave them alone.
 */
const CAMPAIGN_PARAMS = new Set([
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_content',
  'utm_term',
  'gad_source',
  'mc_cid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'fbclid',
  'msclkid',
  'twclid',
  'li_fat_id',
  'igshid',
  'ttclid',
  'rdt_cid',
  'epik',
  'qclid',
  'sccid',
  'oppref',
  'bfcid',
  'irclid',
  '_kx',
  'ph_keyword',
]);

export function isSdkPersonProperty(key: string): boolean {
  return key.startsWith('$') || CAMPAIGN_PARAMS.has(key);
}
