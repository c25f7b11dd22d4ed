import { z } from 'zod';
import type { TabEvents } from '../capture/tabEvents';
import { actionWriteSchema } from '../core/actions/schema';
import { CLICK_KINDS, type ClickStatsRow as ClickStatsRowType } from '../core/heatmap/clickStats';
import type { PersistenceSnapshot as PersistenceSnapshotType } from '../core/identity/types';
import { ActionEntry, ConflictChoice, SyncProblem, SyncSummary } from '../sync/syncView';

/**
 * Every message that crosses a context boundary, in one place. A message names who may send it:
 *
 * - `page`: the isolated content script on an enabled site. The page itself can forge what the
 *   content script forwards, so these messages may only ever add data to the sender's own tab.
 * - `extension`: any of our own pages (popup, side panel, options).
 * - `options`: the options page alone — the only page that may hand over or change the API key.
 * - `overlay`: the inspector overlay — a content script in a tab's top frame, where the background
 *   finds the inspector open (checked by the handler: our page-capture bridge runs in the same
 *   place and must never be able to save an action on the page's behalf).
 *
 * A message may name several classes (`from: ['overlay', 'extension']`); the handler learns which
 * one the sender is (`MessageContext.senderClass`).
 *
 * The background checks the sender and parses the payload before any handler runs.
 */

export const MAX_CAPTURE_BODY_CHARS = 4 * 1024 * 1024;
export const MAX_REQUESTS_PER_MESSAGE = 50;

const TabId = z.number().int().nonnegative();

export type SenderClass = 'page' | 'extension' | 'options' | 'overlay';

/** A request body as the page-world collector saw it: text as is, bytes as base64. */
export const CapturedBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string().max(MAX_CAPTURE_BODY_CHARS) }),
  z.object({ kind: z.literal('base64'), base64: z.string().max(MAX_CAPTURE_BODY_CHARS) }),
]);
export type CapturedBody = z.infer<typeof CapturedBody>;

export const Transport = z.enum(['fetch', 'xhr', 'beacon']);
export type Transport = z.infer<typeof Transport>;

export const CapturedRequest = z.object({
  id: z.string().min(1).max(64),
  url: z.string().max(8192),
  method: z.string().max(16),
  contentType: z.string().max(256).nullable(),
  transport: Transport,
  sentAt: z.number(),
  body: CapturedBody,
});
export type CapturedRequest = z.infer<typeof CapturedRequest>;

const ShortText = z.string().max(512);

/** What the content script read of the SDK's persistence (identity/readPersistence.ts). */
export const PersistenceSnapshot = z.object({
  name: z.string().max(256),
  token: z.string().max(256).nullable(),
  source: z.enum(['localStorage', 'cookie', 'sessionStorage', 'none']),
  readAt: z.number(),
  unchangedSince: z.number().optional(),
  distinctId: ShortText.nullable(),
  deviceId: ShortText.nullable(),
  userState: ShortText.nullable(),
  sessionId: ShortText.nullable(),
  storedPersonProperties: z.record(z.string(), z.unknown()).nullable(),
}) satisfies z.ZodType<PersistenceSnapshotType>;

/** The server's person for a distinct id, as the Person view shows it. */
export const PersonLookup = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('found'),
    fetchedAt: z.number(),
    person: z.object({
      uuid: z.string(),
      name: z.string().nullable(),
      distinctIds: z.array(z.string()),
      properties: z.record(z.string(), z.unknown()),
      createdAt: z.string().nullable(),
      isIdentified: z.boolean().nullable(),
    }),
  }),
  z.object({ state: z.literal('not-found'), fetchedAt: z.number() }),
  z.object({ state: z.literal('not-connected') }),
  z.object({
    state: z.literal('error'),
    problem: z.enum(['unauthorized', 'forbidden', 'offline', 'other']),
    message: z.string(),
  }),
]);
export type PersonLookup = z.infer<typeof PersonLookup>;

export const ConnectionTarget = z.enum(['local', 'us', 'eu', 'self-hosted']);
export type ConnectionTarget = z.infer<typeof ConnectionTarget>;

export const ProjectIdInput = z.union([z.literal('@current'), z.string().regex(/^\d+$/, 'a number or @current')]);

/** What the options page sends; the key is optional when a saved key should be kept. */
export const ConnectionDraft = z.object({
  target: ConnectionTarget,
  host: z.url(),
  projectId: ProjectIdInput,
  apiKey: z.string().trim().min(1).max(200).optional(),
});
export type ConnectionDraft = z.infer<typeof ConnectionDraft>;

/** What any extension page may see of the connection: never the key itself. */
export const PublicConnection = z.object({
  target: ConnectionTarget,
  host: z.string(),
  projectId: z.string(),
  resolvedProjectId: z.number().nullable(),
  keyHint: z.string().nullable(),
  verifiedAt: z.number().nullable(),
  projectName: z.string().nullable(),
});
export type PublicConnection = z.infer<typeof PublicConnection>;

export const ConnectionProblem = z.enum([
  'invalid_input',
  'no_key',
  'no_host_permission',
  'unreachable',
  'timeout',
  'unauthorized',
  'project_not_found',
  'missing_scopes',
  'rate_limited',
  'server_error',
  'bad_response',
]);
export type ConnectionProblem = z.infer<typeof ConnectionProblem>;

export const ConnectionTestResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    projectId: z.number(),
    projectName: z.string(),
    userEmail: z.string().nullable(),
    warnings: z.array(z.string()),
  }),
  z.object({
    ok: z.literal(false),
    problem: ConnectionProblem,
    message: z.string(),
    missingScopes: z.array(z.string()).optional(),
  }),
]);
export type ConnectionTestResult = z.infer<typeof ConnectionTestResult>;

export const SiteStatus = z.object({
  tabId: TabId,
  url: z.string().nullable(),
  /** `http://host/*` for pages we can run on; null for browser pages, files, the store. */
  pattern: z.string().nullable(),
  hostname: z.string().nullable(),
  permitted: z.boolean(),
  enabled: z.boolean(),
  /** Scripts are registered but this document was loaded before: a reload is needed. */
  needsReload: z.boolean(),
});
export type SiteStatus = z.infer<typeof SiteStatus>;

/**
 * The project's actions as this browser sees them: the server's list as last read, with every
 * local change that waits to be sent, and where sync stands (see src/sync).
 */
export const ActionsList = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ok'), entries: z.array(ActionEntry), sync: SyncSummary, projectId: z.number(), fetchedAt: z.number().nullable() }),
  z.object({ state: z.literal('not-connected') }),
  /** Only when nothing was ever read: otherwise the list is `ok` and `sync` says what is wrong. */
  z.object({ state: z.literal('error'), problem: SyncProblem }),
]);
export type ActionsList = z.infer<typeof ActionsList>;

/** `id:12` or `local:<uuid>` (see ActionEntry). */
const ActionKey = z.string().regex(/^(id:\d+|local:[0-9a-f-]{36})$/, 'an action key');

/** An action being built in a tab's overlay, for the Events view's "would have matched" count. */
export const ActionDraft = z.object({
  /** The action being edited, or null for a new one. */
  key: ActionKey.nullable(),
  id: z.number().nullable(),
  action: actionWriteSchema,
  updatedAt: z.number(),
});
export type ActionDraft = z.infer<typeof ActionDraft>;

/**
 * A save goes into the outbox first: `sent` says whether the server acknowledged it within the
 * wait, `message` says it in words either way.
 */
export const SaveActionResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), key: ActionKey, entry: ActionEntry.nullable(), sent: z.boolean(), message: z.string() }),
  z.object({
    ok: z.literal(false),
    problem: z.enum(['not-connected', 'validation', 'failed', 'conflict']),
    message: z.string(),
    /** The field at fault (`name`…), when known. */
    field: z.string().nullable(),
  }),
]);
export type SaveActionResult = z.infer<typeof SaveActionResult>;

/** An action the Actions view handed to a tab's builder. */
export const PendingEdit = z.object({ key: ActionKey, action: ActionEntry.shape.action });
export type PendingEdit = z.infer<typeof PendingEdit>;

/** The time range of click stats: PostHog's presets, or a custom range (ISO dates or date-times, `to` inclusive). */
const IsoDateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
export const StatsRange = z.union([
  z.object({ preset: z.enum(['24h', '7d', '30d']) }),
  z
    .object({ from: IsoDateOrTime, to: IsoDateOrTime })
    .refine(({ from, to }) => Date.parse(from) <= Date.parse(to), { message: 'from must not be after to', path: ['to'] }),
]);
export type StatsRange = z.infer<typeof StatsRange>;

export const ClickKind = z.enum(CLICK_KINDS);

export const StatsRequest = z.object({
  /** Extension pages only: the overlay's tab is always the sender's. */
  tabId: TabId.optional(),
  /** The page URL pattern (`*` wildcards); by default the tab's URL without query and hash. */
  pattern: z.string().min(1).max(2048).optional(),
  range: StatsRange,
  include: z.array(ClickKind).min(1).max(CLICK_KINDS.length),
  /** Skip the background's short cache. */
  refresh: z.boolean().optional(),
});
export type StatsRequest = z.infer<typeof StatsRequest>;

const StatsElement = z.object({
  text: z.string().nullable().optional(),
  tag_name: z.string().nullable().optional(),
  attr_class: z.array(z.string()).readonly().nullable().optional(),
  href: z.string().nullable().optional(),
  attr_id: z.string().nullable().optional(),
  nth_child: z.number().nullable().optional(),
  nth_of_type: z.number().nullable().optional(),
  attributes: z.record(z.string(), z.unknown()).nullable().optional(),
  order: z.number().nullable().optional(),
});

/** One row of click stats (the contract in core/heatmap/clickStats.ts). */
export const ClickStatsRow = z.object({
  count: z.number().int().nonnegative(),
  type: z.string(),
  elements: z.array(StatsElement).min(1).readonly(),
}) satisfies z.ZodType<ClickStatsRowType>;

/** Rows from the tab's own captured events: what this tab sent, not the project's. */
const TabRows = z.object({ source: z.literal('tab'), rows: z.array(ClickStatsRow), fetchedAt: z.number() });

export const ClickStats = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('ok'),
    source: z.enum(['project', 'tab']),
    rows: z.array(ClickStatsRow),
    fetchedAt: z.number(),
    pattern: z.string(),
    /** The server had more pages than the background reads. */
    truncated: z.boolean(),
    projectId: z.number().optional(),
  }),
  z.object({
    state: z.literal('error'),
    /** The client's ApiError kind, or `other`. */
    kind: z.string(),
    /** In words the user can act on: "Key lacks element:read", "Project 12 not found on host"… */
    problem: z.string(),
    /** The request and the server's own words. */
    detail: z.string(),
    pattern: z.string(),
    projectId: z.number().optional(),
    /** Rate limited: no request to the project goes out before this (epoch ms). */
    retryAt: z.number().optional(),
    /** The tab's own rows, so something still shows. */
    fallback: TabRows.optional(),
  }),
]);
export type ClickStats = z.infer<typeof ClickStats>;

export const ProjectsList = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ok'), projects: z.array(z.object({ id: z.number(), name: z.string() })) }),
  z.object({ state: z.literal('error'), message: z.string() }),
]);
export type ProjectsList = z.infer<typeof ProjectsList>;

export const protocol = {
  /** A bridge starting in a document asks for the token its unload outbox is filed under. */
  'capture.hello': {
    from: 'page',
    request: z.object({}),
    response: z.object({ token: z.string() }),
  },
  'capture.requests': {
    from: 'page',
    request: z.object({ requests: z.array(CapturedRequest).min(1).max(MAX_REQUESTS_PER_MESSAGE) }),
    response: z.object({ stored: z.array(z.string()) }),
  },
  'identity.persistence': {
    from: 'page',
    request: z.object({ snapshots: z.array(PersistenceSnapshot).max(20) }),
    response: z.object({ ok: z.literal(true) }),
  },
  'identity.get': {
    from: 'extension',
    request: z.object({ tabId: TabId }),
    response: z.object({ snapshots: z.array(PersistenceSnapshot) }),
  },
  'person.get': {
    from: 'extension',
    request: z.object({ distinctId: z.string().min(1).max(512) }),
    response: PersonLookup,
  },
  'events.list': {
    from: 'extension',
    request: z.object({ tabId: TabId }),
    // The buffer as the background holds it (see capture/tabEvents.ts); our own data, not parsed again.
    response: z.custom<TabEvents>((value) => typeof value === 'object' && value !== null && Array.isArray((value as TabEvents).events)),
  },
  'events.clear': {
    from: 'extension',
    request: z.object({ tabId: TabId }),
    response: z.object({ ok: z.literal(true) }),
  },
  'site.status': {
    from: 'extension',
    request: z.object({ tabId: TabId }),
    response: SiteStatus,
  },
  'site.enable': {
    from: 'extension',
    request: z.object({ pattern: z.string().max(300) }),
    response: z.object({ enabled: z.boolean(), reason: z.string().optional() }),
  },
  'site.disable': {
    from: 'extension',
    request: z.object({ pattern: z.string().max(300) }),
    response: z.object({ ok: z.literal(true) }),
  },
  'connection.get': {
    from: 'extension',
    request: z.object({}),
    response: PublicConnection.nullable(),
  },
  'connection.test': {
    from: 'options',
    request: z.object({ draft: ConnectionDraft }),
    response: ConnectionTestResult,
  },
  'connection.save': {
    from: 'options',
    request: z.object({ draft: ConnectionDraft }),
    response: z.object({ connection: PublicConnection, test: ConnectionTestResult }),
  },
  'connection.forget': {
    from: 'options',
    request: z.object({}),
    response: z.object({ ok: z.literal(true) }),
  },
  /** Opens the inspector overlay in a tab, or closes it when it is open (see src/overlay). */
  'inspector.toggle': {
    from: 'extension',
    request: z.object({ tabId: TabId }),
    response: z.object({ open: z.boolean() }),
  },
  /** Whether the inspector is open in a tab; false where the extension has no access to it. */
  'inspector.state': {
    from: 'extension',
    request: z.object({ tabId: TabId }),
    response: z.object({ open: z.boolean() }),
  },
  'connection.retest': {
    from: 'extension',
    request: z.object({}),
    response: ConnectionTestResult,
  },
  /** The project's actions and sync state; `refresh` reads the server's list again first. */
  'actions.list': {
    from: 'extension',
    request: z.object({ refresh: z.boolean().optional() }),
    response: ActionsList,
  },
  /** The action a tab's overlay is editing right now, if any. */
  'actions.draft': {
    from: 'extension',
    request: z.object({ tabId: TabId }),
    response: ActionDraft.nullable(),
  },
  /** Opens the inspector in the tab (if closed) with the action loaded in its builder. */
  'actions.edit': {
    from: 'extension',
    request: z.object({ tabId: TabId, key: ActionKey }),
    response: z.object({ open: z.boolean() }),
  },
  /** Creates (no key) or changes an action from an extension page (rename, duplicate). */
  'actions.save': {
    from: 'extension',
    request: z.object({ key: ActionKey.nullable(), action: actionWriteSchema }),
    response: SaveActionResult,
  },
  'actions.delete': {
    from: 'extension',
    request: z.object({ key: ActionKey }),
    response: z.object({ ok: z.literal(true) }),
  },
  /** Where sync stands, without the list (null: no project connected). */
  'sync.status': {
    from: 'extension',
    request: z.object({}),
    response: SyncSummary.nullable(),
  },
  /** The user's choice on a conflict: keep mine, take theirs, or merge the steps. */
  'sync.resolve': {
    from: 'extension',
    request: z.object({ key: ActionKey, choice: ConflictChoice }),
    response: z.object({ ok: z.literal(true) }),
  },
  /** Send again now: one action's failed change, or (no key) everything, lifting a block. */
  'sync.retry': {
    from: 'extension',
    request: z.object({ key: ActionKey.optional() }),
    response: z.object({ ok: z.literal(true) }),
  },
  /** Drop a change the server refused. */
  'sync.discard': {
    from: 'extension',
    request: z.object({ key: ActionKey }),
    response: z.object({ ok: z.literal(true) }),
  },
  /** The projects a key can see, for the options page's picker (the saved key when the draft has none). */
  'projects.list': {
    from: 'options',
    request: z.object({ draft: ConnectionDraft }),
    response: ProjectsList,
  },
  'builder.actions': {
    from: 'overlay',
    request: z.object({ refresh: z.boolean().optional() }),
    response: ActionsList,
  },
  /** The overlay publishes its draft (null when the builder closes). */
  'builder.draft': {
    from: 'overlay',
    request: z.object({ draft: ActionDraft.nullable() }),
    response: z.object({ ok: z.literal(true) }),
  },
  /** The action the Actions view asked this tab's overlay to edit; taken once. */
  'builder.pending': {
    from: 'overlay',
    request: z.object({}),
    response: PendingEdit.nullable(),
  },
  /** Creates (no key) or changes an action through the outbox; the answer says whether it was sent. */
  'builder.save': {
    from: 'overlay',
    request: z.object({ key: ActionKey.nullable(), action: actionWriteSchema }),
    response: SaveActionResult,
  },
  /**
   * Click stats of a page: the project's element stats when connected, else (and as the fallback
   * when the project fails) the tab's own captured clicks. The key never leaves the background.
   */
  'stats.get': {
    from: ['overlay', 'extension'],
    request: StatsRequest,
    response: ClickStats,
  },
} as const satisfies Record<
  string,
  { from: SenderClass | readonly SenderClass[]; request: z.ZodType; response: z.ZodType }
>;

export type Protocol = typeof protocol;
export type MessageType = keyof Protocol;
export type RequestOf<T extends MessageType> = z.infer<Protocol[T]['request']>;
export type ResponseOf<T extends MessageType> = z.infer<Protocol[T]['response']>;

/** Tells the overlay in a tab to load an action into its builder (background → tab). */
export const BUILDER_EDIT = 'actionlens.builder.edit';

/** The envelope on the wire; the answer is `{ ok: true, value }` or `{ ok: false, error }`. */
export const Envelope = z.object({ type: z.string(), payload: z.unknown() });
/** The background asks a tab's content script whether it is running (answer: `true`). */
export const PING = 'actionlens.ping';

export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };
