import type { createCaptureIntake } from '../capture/captureIntake';
import type { Handlers } from '../messaging/router';
import { issueOutboxToken } from '../capture/unloadOutbox';
import { readTabPersistence, saveTabPersistence } from '../identity/persistenceStore';
import { lookUpPerson } from '../identity/personProfile';
import { disableSite, enableSite, siteStatus } from '../site-access/siteAccess';
import { clickStats, statsQueryFor } from './clickStats';
import { assertOverlay, editInTab, listActions, readDraft, saveAction, takePending, writeDraft } from './actions';
import { inspectorState, toggleInspector } from './inspector';
import { forgetConnection, getConnection, listProjects, retestConnection, saveConnection, testDraft } from './connection';
import { syncEngine } from './sync';

/** One handler per message; the router has already checked the sender and the payload. */
export function createHandlers(intake: ReturnType<typeof createCaptureIntake>): Handlers {
  return {
    'capture.hello': async (_, { tabId }) => {
      if (tabId == null) throw new Error('capture messages must come from a tab');
      return { token: await issueOutboxToken(tabId) };
    },
    'capture.requests': async ({ requests }, { tabId, frameId, documentId, senderUrl }) => {
      if (tabId == null) throw new Error('capture messages must come from a tab');
      return { stored: await intake.ingest(tabId, requests, { frameId, documentId, url: senderUrl }) };
    },
    'identity.persistence': async ({ snapshots }, { tabId }) => {
      if (tabId == null) throw new Error('persistence messages must come from a tab');
      await saveTabPersistence(tabId, snapshots);
      return { ok: true };
    },
    'identity.get': async ({ tabId }) => ({ snapshots: await readTabPersistence(tabId) }),
    'person.get': async ({ distinctId }) => lookUpPerson(distinctId),
    'events.list': async ({ tabId }) => intake.read(tabId),
    'events.clear': async ({ tabId }) => {
      await intake.clear(tabId);
      return { ok: true };
    },
    'site.status': async ({ tabId }) => siteStatus(tabId),
    'site.enable': async ({ pattern }) => enableSite(pattern),
    'site.disable': async ({ pattern }) => {
      await disableSite(pattern, { revoke: true });
      return { ok: true };
    },
    'connection.get': async () => getConnection(),
    'connection.test': async ({ draft }) => testDraft(draft),
    'connection.save': async ({ draft }) => saveConnection(draft),
    'connection.forget': async () => {
      await forgetConnection();
      return { ok: true };
    },
    'connection.retest': async () => retestConnection(),
    'inspector.toggle': async ({ tabId }) => {
      const state = await toggleInspector(tabId);
      if (!state.open) await writeDraft(tabId, null);
      return state;
    },
    'inspector.state': async ({ tabId }) => inspectorState(tabId),
    'actions.list': async ({ refresh }) => listActions({ refresh }),
    'actions.draft': async ({ tabId }) => readDraft(tabId),
    'actions.edit': async ({ tabId, key }) => editInTab(tabId, key),
    'actions.save': async ({ key, action }) => saveAction(key, action, { wait: false }),
    'actions.delete': async ({ key }) => {
      await syncEngine.remove(key);
      return { ok: true };
    },
    'sync.status': async () => syncEngine.status(),
    'sync.resolve': async ({ key, choice }) => {
      await syncEngine.resolve(key, choice);
      return { ok: true };
    },
    'sync.retry': async ({ key }) => {
      await syncEngine.retry(key);
      return { ok: true };
    },
    'sync.discard': async ({ key }) => {
      await syncEngine.discard(key);
      return { ok: true };
    },
    'projects.list': async ({ draft }) => listProjects(draft),
    'builder.actions': async ({ refresh }, { tabId }) => {
      await assertOverlay(tabId);
      return listActions({ refresh });
    },
    'builder.draft': async ({ draft }, { tabId }) => {
      // Dropping a draft needs no open inspector: the overlay says so as it closes.
      if (draft === null && tabId != null) await writeDraft(tabId, null);
      else await writeDraft(await assertOverlay(tabId), draft);
      return { ok: true };
    },
    'builder.pending': async (_, { tabId }) => takePending(await assertOverlay(tabId)),
    'builder.save': async ({ key, action }, { tabId }) => {
      await assertOverlay(tabId);
      return saveAction(key, action);
    },
    'stats.get': async (request, context) => clickStats.get(await statsQueryFor(request, context)),
  };
}
