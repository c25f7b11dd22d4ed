import { describe, expect, it, vi } from 'vitest';
import { createRouter, senderAllowed, type Handlers, type Sender } from '../../../src/messaging/router';

const identity = { extensionId: 'ext', extensionOrigin: 'chrome-extension://ext/' };

const senders = {
  contentScript: { id: 'ext', url: 'https://shop.example/cart', tab: { id: 7 }, frameId: 0 } as Sender,
  otherExtension: { id: 'evil', url: 'chrome-extension://evil/page.html' } as Sender,
  popup: { id: 'ext', url: 'chrome-extension://ext/popup.html?tabId=7' } as Sender,
  popupAsTab: { id: 'ext', url: 'chrome-extension://ext/popup.html', tab: { id: 9 } } as Sender,
  options: { id: 'ext', url: 'chrome-extension://ext/options.html' } as Sender,
  pageWithoutTab: { id: 'ext', url: 'https://shop.example/' } as Sender,
  subframeScript: { id: 'ext', url: 'https://ads.example/frame', tab: { id: 7 }, frameId: 3 } as Sender,
};

describe('senderAllowed', () => {
  it.each([
    ['page', 'contentScript', true],
    ['page', 'popup', false],
    ['page', 'popupAsTab', false],
    ['page', 'pageWithoutTab', false],
    ['page', 'otherExtension', false],
    ['extension', 'popup', true],
    ['extension', 'popupAsTab', true],
    ['extension', 'options', true],
    ['extension', 'contentScript', false],
    ['extension', 'otherExtension', false],
    ['options', 'options', true],
    ['options', 'popup', false],
    ['options', 'contentScript', false],
    ['overlay', 'contentScript', true],
    ['overlay', 'subframeScript', false],
    ['overlay', 'popup', false],
    ['overlay', 'popupAsTab', false],
    ['overlay', 'pageWithoutTab', false],
    ['overlay', 'otherExtension', false],
  ] as const)('%s message from %s → %s', (from, sender, allowed) => {
    expect(senderAllowed(from, senders[sender], identity)).toBe(allowed);
  });
});

function handlers(): Handlers {
  const fail = () => Promise.reject(new Error('not under test'));
  return {
    'capture.hello': fail,
    'capture.requests': vi.fn(async ({ requests }, { tabId }) => ({ stored: requests.map((r: { id: string }) => `${tabId}:${r.id}`) })),
    'identity.persistence': fail,
    'identity.get': fail,
    'person.get': fail,
    'events.list': fail,
    'events.clear': fail,
    'site.status': fail,
    'site.enable': fail,
    'site.disable': fail,
    'connection.get': vi.fn(async () => null),
    'connection.test': fail,
    'connection.save': vi.fn(async () => {
      throw new Error('should not be reached');
    }),
    'connection.forget': fail,
    'connection.retest': fail,
    'inspector.toggle': fail,
    'inspector.state': fail,
    'actions.list': fail,
    'actions.draft': fail,
    'actions.edit': fail,
    'builder.actions': fail,
    'builder.draft': fail,
    'builder.pending': fail,
    'actions.save': fail,
    'actions.delete': fail,
    'sync.status': fail,
    'sync.resolve': fail,
    'sync.retry': fail,
    'sync.discard': fail,
    'projects.list': fail,
    'builder.save': vi.fn(async (_, { tabId }) => ({ ok: false as const, problem: 'failed' as const, message: `tab ${tabId}`, field: null })),
    'stats.get': vi.fn(async ({ pattern }, { senderClass, tabId }) => ({
      state: 'error' as const,
      kind: 'echo',
      problem: `${senderClass} ${tabId}`,
      detail: '',
      pattern: pattern ?? '',
    })),
  };
}

const request = {
  id: 'r1',
  url: 'https://shop.example/e/',
  method: 'POST',
  contentType: 'application/json',
  transport: 'fetch',
  sentAt: 1,
  body: { kind: 'text', text: '{"event":"x"}' },
};

describe('createRouter', () => {
  it('hands an overlay message the sender’s own tab, and refuses it from extension pages', async () => {
    const route = createRouter(handlers(), identity);
    const payload = { key: null, action: { name: 'Signed up', steps: [{ event: '$autocapture', selector: 'button' }] } };
    expect(await route({ type: 'builder.save', payload }, senders.contentScript)).toEqual({ ok: true, value: { ok: false, problem: 'failed', message: 'tab 7', field: null } });
    expect(await route({ type: 'builder.save', payload }, senders.popup)).toMatchObject({ ok: false, error: expect.stringContaining('not allowed') });
    expect(await route({ type: 'builder.save', payload }, senders.subframeScript)).toMatchObject({ ok: false, error: expect.stringContaining('not allowed') });
  });

  it('takes stats.get from the overlay (its own tab) and from extension pages, and refuses the page and subframes', async () => {
    const map = handlers();
    const route = createRouter(map, identity);
    const payload = { range: { preset: '7d' }, include: ['$autocapture'] };
    expect(await route({ type: 'stats.get', payload }, senders.contentScript)).toMatchObject({ ok: true, value: { problem: 'overlay 7' } });
    expect(await route({ type: 'stats.get', payload: { ...payload, tabId: 3 } }, senders.popup)).toMatchObject({ ok: true, value: { problem: 'extension null' } });
    for (const sender of [senders.subframeScript, senders.pageWithoutTab, senders.otherExtension]) {
      expect(await route({ type: 'stats.get', payload }, sender)).toEqual({ ok: false, error: '"stats.get" is not allowed from this sender' });
    }
    expect(map['stats.get']).toHaveBeenCalledTimes(2);
  });

  it.each([
    ['no kinds', { range: { preset: '7d' }, include: [] }],
    ['an unknown kind', { range: { preset: '7d' }, include: ['$pageview'] }],
    ['an unknown preset', { range: { preset: '1y' }, include: ['$autocapture'] }],
    ['a range that ends before it starts', { range: { from: '2026-02-01', to: '2026-01-01' }, include: ['$autocapture'] }],
    ['a date that is not ISO', { range: { from: 'yesterday', to: '2026-01-01' }, include: ['$autocapture'] }],
  ])('refuses a stats.get with %s', async (_, payload) => {
    const reply = await createRouter(handlers(), identity)({ type: 'stats.get', payload }, senders.popup);
    expect(reply).toMatchObject({ ok: false, error: expect.stringContaining('invalid "stats.get" payload') });
  });

  it('hands a page message the sender’s own tab, whatever the payload claims', async () => {
    const route = createRouter(handlers(), identity);
    const reply = await route({ type: 'capture.requests', payload: { requests: [request], tabId: 99 } }, senders.contentScript);
    expect(reply).toEqual({ ok: true, value: { stored: ['7:r1'] } });
  });

  it.each([
    ['not an object', 'hello', 'not an Actionlens message'],
    ['an unknown type', { type: 'capture.everything', payload: {} }, 'unknown message type'],
    ['a prototype key as type', { type: 'constructor', payload: {} }, 'unknown message type'],
    ['a malformed payload', { type: 'capture.requests', payload: { requests: [{ ...request, body: { kind: 'html' } }] } }, 'invalid "capture.requests" payload'],
    ['an oversized batch', { type: 'capture.requests', payload: { requests: Array(51).fill(request) } }, 'invalid "capture.requests" payload'],
  ])('rejects %s with a clear error', async (_, message, error) => {
    const route = createRouter(handlers(), identity);
    const reply = await route(message, senders.contentScript);
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toContain(error);
  });

  it('refuses options-only messages from a content script and from the popup', async () => {
    const map = handlers();
    const route = createRouter(map, identity);
    const draft = { target: 'local', host: 'http://127.0.0.1:8010', projectId: '1', apiKey: 'phx_x' };
    for (const sender of [senders.contentScript, senders.popup]) {
      const reply = await route({ type: 'connection.save', payload: { draft } }, sender);
      expect(reply).toEqual({ ok: false, error: '"connection.save" is not allowed from this sender' });
    }
    expect(map['connection.save']).not.toHaveBeenCalled();
  });

  it('refuses extension messages from the page', async () => {
    const map = handlers();
    const reply = await createRouter(map, identity)({ type: 'connection.get', payload: {} }, senders.contentScript);
    expect(reply.ok).toBe(false);
    expect(map['connection.get']).not.toHaveBeenCalled();
  });

  it('turns a handler failure into an error reply', async () => {
    const map = handlers();
    const reply = await createRouter(map, identity)({ type: 'site.status', payload: { tabId: 1 } }, senders.popup);
    expect(reply).toEqual({ ok: false, error: 'not under test' });
  });
});
