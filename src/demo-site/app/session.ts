import { useSyncExternalStore } from 'react';
import type { UserProfile, Workspace } from './analytics';

/** The demo app's own sign-in state, kept apart from posthog's persistence as a real app's would be. */
export interface Session {
  user: UserProfile;
  workspace: Workspace;
}

const STORAGE_KEY = 'ledgerly.session';
const listeners = new Set<() => void>();
let cached: { raw: string | null; session: Session | null } | undefined;

function read(): Session | null {
  const raw = localStorage.getItem(STORAGE_KEY);
  if (cached?.raw === raw) return cached.session;
  let session: Session | null = null;
  try {
    session = raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    session = null;
  }
  cached = { raw, session };
  return session;
}

function write(session: Session | null): void {
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else localStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener();
}

export const sessionStore = {
  get: read,
  signIn: (session: Session) => write(session),
  update: (patch: Partial<Session>) => {
    const current = read();
    if (current) write({ ...current, ...patch });
  },
  signOut: () => write(null),
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

export function useSession(): Session | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
}
