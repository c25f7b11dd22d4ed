import type { ConnectionTestResult } from '../messaging/protocol';
import { ApiError, type ApiClient, missingScope } from './client';

/** The scopes Actionlens needs, and a request that proves each without changing anything. */
const SCOPE_PROBES: { scope: string; probe: (client: ApiClient) => Promise<unknown> }[] = [
  { scope: 'action:read', probe: (client) => client.listActions() },
  // Scopes are checked before the object is looked up: 404 means allowed, 403 means missing.
  { scope: 'action:write', probe: (client) => client.updateAction(0, {}) },
  { scope: 'person:read', probe: (client) => client.findPersons('actionlens-connection-test') },
  { scope: 'element:read', probe: (client) => client.elementStatsPage({ limit: 1, date_from: '-1d' }) },
];

function failure(error: unknown, host: string, projectId: string): ConnectionTestResult {
  if (!(error instanceof ApiError)) {
    return { ok: false, problem: 'bad_response', message: error instanceof Error ? error.message : String(error) };
  }
  switch (error.kind) {
    case 'unreachable':
      return { ok: false, problem: 'unreachable', message: `Could not reach ${host}. Check the address and that the server is running.` };
    case 'timeout':
      return { ok: false, problem: 'timeout', message: `${host} did not answer in time. Check the address or try again.` };
    case 'unauthorized':
      return {
        ok: false,
        problem: 'unauthorized',
        message: 'The personal API key was rejected (401). Check that it was copied whole and has not been revoked.',
      };
    case 'not_found':
      return {
        ok: false,
        problem: 'project_not_found',
        message: `Project ${projectId} was not found on ${host}, or this key cannot see it. Check the project id.`,
      };
    case 'forbidden':
      return {
        ok: false,
        problem: 'missing_scopes',
        message: `The key lacks the scope ${missingScope(error, 'project:read')}. Edit the key's scopes in PostHog.`,
        missingScopes: [missingScope(error, 'project:read')],
      };
    case 'rate_limited':
      return { ok: false, problem: 'rate_limited', message: `${host} is rate-limiting this key; try again in a minute.` };
    case 'server_error':
      return { ok: false, problem: 'server_error', message: `${host} answered with a server error (${error.status}).` };
    default:
      return {
        ok: false,
        problem: 'bad_response',
        message: `${host} did not answer like a PostHog project API (${error.message}). Check the address.`,
      };
  }
}

/**
 * Says exactly what is wrong with a connection: unreachable, a rejected key, an unknown project,
 * or the scopes the key lacks — each checked with a request that changes nothing.
 */
export async function testConnection(client: ApiClient, projectId: string): Promise<ConnectionTestResult> {
  let project;
  try {
    project = await client.getProject();
  } catch (error) {
    return failure(error, client.host, projectId);
  }
  const missing: string[] = [];
  for (const { scope, probe } of SCOPE_PROBES) {
    try {
      await probe(client);
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'forbidden') missing.push(missingScope(error, scope));
      else if (!(error instanceof ApiError && error.kind === 'not_found' && scope === 'action:write')) {
        return failure(error, client.host, projectId);
      }
    }
  }
  if (missing.length > 0) {
    return {
      ok: false,
      problem: 'missing_scopes',
      message: `The key lacks ${missing.length === 1 ? 'the scope' : 'the scopes'} ${missing.join(', ')}. Edit the key's scopes in PostHog.`,
      missingScopes: missing,
    };
  }
  const warnings: string[] = [];
  let userEmail: string | null = null;
  try {
    userEmail = (await client.getCurrentUser()).email ?? null;
  } catch {
    warnings.push('The key cannot read the current user (scope user:read); that is fine, nothing depends on it.');
  }
  return { ok: true, projectId: project.id, projectName: project.name, userEmail, warnings };
}
