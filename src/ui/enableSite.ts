import { sendMessage } from '../messaging/sendMessage';
import { requestHostAccess } from '../platform/hostAccess';

export type EnableOutcome = { kind: 'enabled' } | { kind: 'denied' } | { kind: 'refused'; reason?: string };

/**
 * What *Enable on this site* in the popup and **Enable** on the welcome page both do: ask the user
 * for the site, then have the background register its capture scripts. Call it straight from the
 * click: the permission request is its first statement, so it runs inside the user gesture.
 */
export async function enableSiteFromClick(pattern: string): Promise<EnableOutcome> {
  if (!(await requestHostAccess(pattern))) return { kind: 'denied' };
  const result = await sendMessage('site.enable', { pattern });
  return result.enabled ? { kind: 'enabled' } : { kind: 'refused', reason: result.reason };
}
