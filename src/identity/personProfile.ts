import { ApiError, createApiClient } from '../api/client';
import type { PersonLookup } from '../messaging/protocol';
import { connectionItem } from '../storage/items';
import { readApiKey } from '../storage/secretStore';

/**
 * The server's person for a distinct id (`GET /api/projects/:id/persons/?distinct_id=`), for the
 * Person view's "server profile". Background only: it needs the API key. "Not found" is a normal
 * state right after identify (ingestion lags), so it is an answer, not an error.
 */
export async function lookUpPerson(distinctId: string, now = Date.now()): Promise<PersonLookup> {
  const connection = await connectionItem.getValue();
  const apiKey = connection ? await readApiKey() : null;
  if (!connection || !apiKey) return { state: 'not-connected' };
  const client = createApiClient({ host: connection.host, apiKey, projectId: connection.projectId, timeoutMs: 10_000 });
  try {
    const page = await client.findPersons(distinctId);
    const person = page.results.find((candidate) => candidate.distinct_ids.includes(distinctId)) ?? page.results[0];
    if (!person) return { state: 'not-found', fetchedAt: now };
    return {
      state: 'found',
      fetchedAt: now,
      person: {
        uuid: person.uuid,
        name: person.name ?? null,
        distinctIds: person.distinct_ids,
        properties: person.properties,
        createdAt: person.created_at ?? null,
        isIdentified: person.is_identified ?? null,
      },
    };
  } catch (error) {
    if (!(error instanceof ApiError)) return { state: 'error', problem: 'other', message: String(error) };
    if (error.kind === 'unauthorized') return { state: 'error', problem: 'unauthorized', message: 'The project API rejected the API key (401). Check it in Settings.' };
    if (error.kind === 'forbidden') return { state: 'error', problem: 'forbidden', message: 'The API key may not read persons (403): it needs the person:read scope.' };
    if (error.kind === 'unreachable' || error.kind === 'timeout') return { state: 'error', problem: 'offline', message: error.message };
    return { state: 'error', problem: 'other', message: error.message };
  }
}
