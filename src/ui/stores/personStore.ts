import { create } from 'zustand';
import { subscribe } from '../../capture/eventFeed';
import type { BufferedEvent } from '../../capture/tabEvents';
import { reduceIdentity, type IdentityReport, type PersistenceSnapshot } from '../../core/identity';
import type { PersonLookup } from '../../messaging/protocol';
import { sendMessage } from '../../messaging/sendMessage';

/** "Not found" right after identify is ingestion lag: asked again this often, this many times. */
const NOT_FOUND_RETRY_MS = 3_000;
const NOT_FOUND_RETRIES = 5;

export interface ProfileState {
  lookup: PersonLookup | null;
  loading: boolean;
  /** Automatic retries left while the server has not ingested the person yet. */
  retriesLeft: number;
}

interface PersonState {
  tabId: number | null;
  snapshots: PersistenceSnapshot[];
  /** Server profiles by distinct id. */
  profiles: Record<string, ProfileState>;
  error: string | null;
  loadProfile(distinctId: string, options?: { retry?: boolean }): Promise<void>;
}

const retryTimers = new Map<string, ReturnType<typeof setTimeout>>();

export const usePersonStore = create<PersonState>((set, get) => ({
  tabId: null,
  snapshots: [],
  profiles: {},
  error: null,
  async loadProfile(distinctId, { retry = false } = {}) {
    clearTimeout(retryTimers.get(distinctId));
    retryTimers.delete(distinctId);
    const before = get().profiles[distinctId];
    const retriesLeft = retry ? (before?.retriesLeft ?? NOT_FOUND_RETRIES) : NOT_FOUND_RETRIES;
    set((state) => ({ profiles: { ...state.profiles, [distinctId]: { lookup: before?.lookup ?? null, loading: true, retriesLeft } } }));
    let lookup: PersonLookup;
    try {
      lookup = await sendMessage('person.get', { distinctId });
    } catch (error) {
      lookup = { state: 'error', problem: 'other', message: error instanceof Error ? error.message : String(error) };
    }
    const left = lookup.state === 'not-found' ? retriesLeft - 1 : 0;
    set((state) => ({ profiles: { ...state.profiles, [distinctId]: { lookup, loading: false, retriesLeft: left } } }));
    if (lookup.state === 'not-found' && left > 0) {
      retryTimers.set(
        distinctId,
        setTimeout(() => void get().loadProfile(distinctId, { retry: true }), NOT_FOUND_RETRY_MS),
      );
    }
  },
}));

/** Follows what the tab's page stores about the user: read once, then every change the background publishes. */
export function followTabPersistence(tabId: number): () => void {
  usePersonStore.setState({ tabId, snapshots: [], error: null });
  let active = true;
  const unsubscribe = subscribe(tabId, (message) => {
    if (active && message.kind === 'persistence') usePersonStore.setState({ snapshots: message.snapshots });
  });
  sendMessage('identity.get', { tabId }).then(
    ({ snapshots }) => active && usePersonStore.setState((state) => (state.snapshots.length ? state : { snapshots })),
    (error: unknown) => active && usePersonStore.setState({ error: error instanceof Error ? error.message : String(error) }),
  );
  return () => {
    active = false;
    unsubscribe();
    for (const timer of retryTimers.values()) clearTimeout(timer);
    retryTimers.clear();
  };
}

let memo: { events: readonly BufferedEvent[]; snapshots: readonly PersistenceSnapshot[]; report: IdentityReport } | null = null;

/** The identity report for these inputs, computed once however many views ask. */
export function identityReport(events: readonly BufferedEvent[], snapshots: readonly PersistenceSnapshot[]): IdentityReport {
  if (memo?.events !== events || memo.snapshots !== snapshots) memo = { events, snapshots, report: reduceIdentity(events, snapshots) };
  return memo.report;
}
