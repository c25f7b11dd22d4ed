import type { Browser } from 'wxt/browser';
import { z } from 'zod';
import { Envelope, protocol, type MessageType, type Reply, type RequestOf, type ResponseOf, type SenderClass } from './protocol';

export type Sender = Browser.runtime.MessageSender;

/** What a handler learns about who sent the message, after the router has checked it. */
export interface MessageContext {
  /** Which of the message's sender classes the sender is. */
  senderClass: SenderClass;
  /** The tab of a `page` or `overlay` message: the only tab that message may touch. */
  tabId: number | null;
  frameId: number | null;
  /** Chrome's id of the sending document: a new one means the tab navigated. */
  documentId: string | null;
  senderUrl: string | null;
}

export type Handlers = {
  [T in MessageType]: (payload: RequestOf<T>, context: MessageContext) => Promise<ResponseOf<T>>;
};

export interface RouterIdentity {
  extensionId: string;
  /** `chrome-extension://<id>/` (or `moz-extension://<uuid>/`). */
  extensionOrigin: string;
}

/**
 * Decides whether `sender` may send a message of class `from`. Page messages must come from a
 * content script of this extension in a tab, overlay messages from one in a tab's top frame; extension messages from one of our own pages, and
 * options-only messages from the options page itself.
 */
export function senderAllowed(from: SenderClass, sender: Sender, identity: RouterIdentity): boolean {
  if (sender.id !== identity.extensionId) return false;
  const url = sender.url ?? '';
  const fromOurPage = url.startsWith(identity.extensionOrigin);
  switch (from) {
    case 'page':
      return sender.tab?.id != null && !fromOurPage && /^https?:/.test(url);
    case 'overlay':
      // The overlay mounts in the top document only; the handler checks that it is open there.
      return sender.tab?.id != null && !fromOurPage && /^https?:/.test(url) && sender.frameId === 0;
    case 'extension':
      return fromOurPage;
    case 'options':
      return fromOurPage && new URL(url).pathname === '/options.html';
  }
}

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/**
 * Turns a handler map into a `runtime.onMessage` listener: unknown types, forbidden senders and
 * malformed payloads are answered with an error and never reach a handler.
 */
export function createRouter(handlers: Handlers, identity: RouterIdentity) {
  return async function route(message: unknown, sender: Sender): Promise<Reply<unknown>> {
    const envelope = Envelope.safeParse(message);
    if (!envelope.success) return { ok: false, error: 'not an Actionlens message' };
    const type = envelope.data.type;
    if (!Object.hasOwn(protocol, type)) return { ok: false, error: `unknown message type "${type}"` };
    const definition = protocol[type as MessageType];
    const classes: readonly SenderClass[] = typeof definition.from === 'string' ? [definition.from] : definition.from;
    const senderClass = classes.find((from) => senderAllowed(from, sender, identity));
    if (!senderClass) return { ok: false, error: `"${type}" is not allowed from this sender` };
    const payload = definition.request.safeParse(envelope.data.payload);
    if (!payload.success) return { ok: false, error: `invalid "${type}" payload: ${describe(payload.error)}` };
    const context: MessageContext = {
      senderClass,
      tabId: senderClass === 'page' || senderClass === 'overlay' ? (sender.tab?.id ?? null) : null,
      frameId: sender.frameId ?? null,
      documentId: (sender as { documentId?: string }).documentId ?? null,
      senderUrl: sender.url ?? null,
    };
    try {
      const handler = handlers[type as MessageType] as (p: unknown, c: MessageContext) => Promise<unknown>;
      return { ok: true, value: await handler(payload.data, context) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
}
