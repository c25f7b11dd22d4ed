import { useEffect, useRef, useState } from 'react';
import { hostPattern } from '../../api/targets';
import type { ConnectionDraft, ProjectsList } from '../../messaging/protocol';
import { sendMessage } from '../../messaging/sendMessage';
import { hasHostAccess, requestHostAccess } from '../../platform/hostAccess';
import { type FormState, listingDraft } from './connectionDraft';

type Listing = { state: 'idle' } | { state: 'loading' } | ProjectsList;

/** Typing a key lists its projects once the typing stops for this long. */
const TYPING_MS = 600;

/**
 * The project id field, with the projects the key can see to pick from (`projects.list`). They are
 * listed by themselves when the API's host is already allowed (a saved connection, a key typed
 * for it); otherwise "Load projects" asks for the host from its click. Where the key may not list
 * projects, the id is typed by hand, as before.
 */
export function ProjectPicker({ form, saved, onChange }: { form: FormState; saved: { host: string; keyHint: string | null } | null; onChange: (projectId: string) => void }) {
  const [listing, setListing] = useState<Listing>({ state: 'idle' });
  const request = useRef(0);

  const list = async (draft: ConnectionDraft) => {
    const mine = ++request.current;
    setListing({ state: 'loading' });
    let answer: ProjectsList;
    try {
      answer = await sendMessage('projects.list', { draft });
    } catch (caught) {
      answer = { state: 'error', message: caught instanceof Error ? caught.message : String(caught) };
    }
    if (mine === request.current) setListing(answer);
  };

  // A new place or a new key: the list shown belongs to the old one.
  const { target, host, apiKey } = form;
  useEffect(() => {
    request.current++;
    setListing({ state: 'idle' });
    const result = listingDraft({ target, host, apiKey, projectId: '@current' }, saved);
    if ('error' in result) return;
    let current = true;
    const timer = setTimeout(
      () => {
        void hasHostAccess(hostPattern(result.draft.host)).then((allowed) => {
          if (allowed && current) void list(result.draft);
        });
      },
      apiKey ? TYPING_MS : 0,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [target, host, apiKey, saved]);

  const load = () => {
    const result = listingDraft(form, saved);
    if ('error' in result) return setListing({ state: 'error', message: result.error });
    // No `await` before the request: the permission prompt needs this click's user gesture.
    requestHostAccess(hostPattern(result.draft.host)).then(
      (granted) => (granted ? list(result.draft) : setListing({ state: 'error', message: `Actionlens needs access to ${new URL(result.draft.host).host} to list the projects.` })),
      (error: unknown) => setListing({ state: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  };

  const projects = listing.state === 'ok' ? listing.projects : [];
  const picked = projects.some((project) => String(project.id) === form.projectId.trim()) ? form.projectId.trim() : '';
  return (
    <div className="field">
      <label htmlFor="projectId">Project id</label>
      <div className="row">
        <input id="projectId" name="projectId" aria-describedby="projectId-hint" value={form.projectId} onChange={(e) => onChange(e.target.value)} />
        <button type="button" onClick={load} disabled={listing.state === 'loading'} data-testid="load-projects">
          {listing.state === 'loading' ? 'Loading…' : listing.state === 'ok' ? 'Reload projects' : 'Load projects'}
        </button>
      </div>
      {listing.state === 'ok' && projects.length > 0 && (
        <div className="project-pick">
          <label htmlFor="projectPick">Choose from the key’s projects</label>
          <select id="projectPick" value={picked} onChange={(e) => e.target.value && onChange(e.target.value)} data-testid="project-select">
            <option value="">{`Choose one of ${projects.length} ${projects.length === 1 ? 'project' : 'projects'}…`}</option>
            {projects.map((project) => (
              <option key={project.id} value={String(project.id)}>
                {project.id} — {project.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {listing.state === 'ok' && projects.length === 0 && (
        <small className="muted" data-testid="projects-empty">
          The key sees no projects: enter the id by hand.
        </small>
      )}
      {listing.state === 'error' && (
        <small className="field-error" role="alert" data-testid="projects-error">
          {listing.message}
        </small>
      )}
      <small id="projectId-hint" className="muted">
        The number in your project's URL, or @current for the key's current project. Each project keeps its own copy of the actions and its own changes
        not yet sent in this browser: switching to another project and back loses nothing.
      </small>
    </div>
  );
}
