import { ApiError, createApiClient } from '../api/client';
import { hostPattern, resolveHost } from '../api/targets';
import { testConnection } from '../api/testConnection';
import type { ConnectionDraft, ConnectionTestResult, ProjectsList, PublicConnection } from '../messaging/protocol';
import { hasHostAccess } from '../platform/hostAccess';
import { connectionItem } from '../storage/items';
import { deleteApiKey, keyHint, readApiKey, writeApiKey } from '../storage/secretStore';
import { forgetCachedConnection } from './sync';

const numericId = (projectId: string) => (/^\d+$/.test(projectId) ? Number(projectId) : null);

/** The projects the draft's key (or the saved key) can see, for the options page's picker. */
export async function listProjects(draft: ConnectionDraft): Promise<ProjectsList> {
  const host = resolveHost(draft.target, draft.host);
  const apiKey = await keyForDraft(draft, host);
  if (!apiKey) return { state: 'error', message: 'Enter a personal API key for this host first.' };
  if (!(await hasHostAccess(hostPattern(host)))) return { state: 'error', message: `Actionlens may not talk to ${new URL(host).host} yet: test the connection to allow it.` };
  try {
    const page = await createApiClient({ host, apiKey, projectId: draft.projectId, timeoutMs: 10_000 }).listProjects();
    return { state: 'ok', projects: page.results.map((project) => ({ id: project.id, name: project.name })) };
  } catch (error) {
    if (error instanceof ApiError && error.kind === 'forbidden') {
      return { state: 'error', message: 'This key may not list projects (it needs project:read): enter the project id by hand.' };
    }
    if (error instanceof ApiError && error.kind === 'unauthorized') return { state: 'error', message: 'The key was rejected (401).' };
    return { state: 'error', message: `Could not list projects: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export async function getConnection(): Promise<PublicConnection | null> {
  return connectionItem.getValue();
}

async function testWith(host: string, projectId: string, apiKey: string | null): Promise<ConnectionTestResult> {
  if (!apiKey) return { ok: false, problem: 'no_key', message: 'Enter a personal API key (it starts with phx_).' };
  const pattern = hostPattern(host);
  if (!(await hasHostAccess(pattern))) {
    return {
      ok: false,
      problem: 'no_host_permission',
      message: `Actionlens may not talk to ${new URL(host).host} yet: allow it when the browser asks.`,
    };
  }
  return testConnection(createApiClient({ host, apiKey, projectId }), projectId);
}

/**
 * The key a draft is tried with: its own, or the saved one — but the saved key only ever goes to
 * the host it was saved for, never to a new address typed in the form.
 */
async function keyForDraft(draft: ConnectionDraft, host: string): Promise<string | null> {
  if (draft.apiKey) return draft.apiKey;
  const saved = await connectionItem.getValue();
  return saved && saved.host === host ? readApiKey() : null;
}

/** Tests a draft from the options page; without a new key, the saved one is used (same host only). */
export async function testDraft(draft: ConnectionDraft): Promise<ConnectionTestResult> {
  const host = resolveHost(draft.target, draft.host);
  return testWith(host, draft.projectId, await keyForDraft(draft, host));
}

/** Saves the connection (the key into the secret store) and says whether it works. */
export async function saveConnection(draft: ConnectionDraft): Promise<{ connection: PublicConnection; test: ConnectionTestResult }> {
  const host = resolveHost(draft.target, draft.host);
  const apiKey = await keyForDraft(draft, host);
  if (draft.apiKey) await writeApiKey(draft.apiKey);
  // A new host without a new key: the old key must not follow the connection there.
  else if (!apiKey) await deleteApiKey();
  const test = await testWith(host, draft.projectId, apiKey);
  const connection: PublicConnection = {
    target: draft.target,
    host,
    projectId: draft.projectId,
    resolvedProjectId: test.ok ? test.projectId : numericId(draft.projectId),
    keyHint: apiKey ? keyHint(apiKey) : null,
    verifiedAt: test.ok ? Date.now() : null,
    projectName: test.ok ? test.projectName : null,
  };
  await connectionItem.setValue(connection);
  forgetCachedConnection();
  return { connection, test };
}

export async function retestConnection(): Promise<ConnectionTestResult> {
  const connection = await connectionItem.getValue();
  if (!connection) return { ok: false, problem: 'invalid_input', message: 'No project API is connected yet.' };
  const test = await testWith(connection.host, connection.projectId, await readApiKey());
  await connectionItem.setValue({
    ...connection,
    verifiedAt: test.ok ? Date.now() : connection.verifiedAt,
    resolvedProjectId: test.ok ? test.projectId : connection.resolvedProjectId,
    projectName: test.ok ? test.projectName : connection.projectName,
  });
  return test;
}

export async function forgetConnection(): Promise<void> {
  await deleteApiKey();
  await connectionItem.setValue(null);
  forgetCachedConnection();
}
