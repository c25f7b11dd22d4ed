import { resolveHost } from '../../api/targets';
import { ConnectionDraft, type ConnectionTarget } from '../../messaging/protocol';

/** The connection form as typed. */
export interface FormState {
  target: ConnectionTarget;
  host: string;
  projectId: string;
  apiKey: string;
}

/** The form as the background takes it, or the first thing wrong with it in words. */
export function toDraft(form: FormState): { draft: ConnectionDraft } | { error: string } {
  const parsed = ConnectionDraft.safeParse({
    target: form.target,
    host: resolveHost(form.target, form.host.trim() || 'invalid'),
    projectId: form.projectId.trim(),
    apiKey: form.apiKey.trim() || undefined,
  });
  if (parsed.success) return { draft: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = { host: 'URL', projectId: 'Project id', apiKey: 'API key' }[String(issue.path[0])] ?? String(issue.path[0]);
  return { error: `${field}: ${issue.path[0] === 'host' ? 'enter a full URL such as https://posthog.example.com' : issue.message}` };
}

/**
 * The draft to list the key's projects with, or why not yet. The project id does not matter for
 * a listing, so one being typed does not stop it. Without a typed key the background uses the
 * saved one: only for the host it was saved for, never sent anywhere else.
 */
export function listingDraft(form: FormState, saved: { host: string; keyHint: string | null } | null): { draft: ConnectionDraft } | { error: string } {
  const projectId = /^(\d+|@current)$/.test(form.projectId.trim()) ? form.projectId : '@current';
  const result = toDraft({ ...form, projectId });
  if ('error' in result) return result;
  if (result.draft.apiKey) return result;
  if (!saved?.keyHint) return { error: 'Enter a personal API key to list its projects.' };
  if (saved.host !== result.draft.host) return { error: `The saved key is only sent to ${saved.host}: enter a key for this URL to list its projects.` };
  return result;
}
