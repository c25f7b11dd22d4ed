import { z } from 'zod';
import type { ProjectApi } from '../../../../src/project-api/server';

/** An event as the project API stored it (`GET /api/projects/:id/events/`). */
export const ApiEvent = z.object({
  uuid: z.string(),
  event: z.string(),
  distinct_id: z.string(),
  properties: z.record(z.string(), z.unknown()),
  timestamp: z.string(),
  /** Autocapture's elements, as the API derived them (`$elements_chain` or `$elements`). */
  elements_chain: z.string().optional(),
});
export type ApiEvent = z.infer<typeof ApiEvent>;

const EventsPage = z.object({ results: z.array(ApiEvent), next: z.string().nullable() });

/** Every event the API stored for these distinct ids, oldest first, following `next` links. */
export async function apiEventsOf(api: ProjectApi, distinctIds: Iterable<string>): Promise<ApiEvent[]> {
  const events: ApiEvent[] = [];
  for (const distinctId of new Set(distinctIds)) {
    let url: string | null = `${api.url}/api/projects/${api.projectId}/events/?${new URLSearchParams({ distinct_id: distinctId, limit: '1000' })}`;
    while (url) {
      const response: Response = await fetch(url, { headers: { authorization: `Bearer ${api.apiKey}` } });
      if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
      const page = EventsPage.parse(await response.json());
      events.push(...page.results);
      url = page.next;
    }
  }
  return events.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}
