import { browser } from 'wxt/browser';
import type { MessageType, Reply, RequestOf, ResponseOf } from './protocol';

export class MessageError extends Error {
  constructor(
    readonly type: MessageType,
    message: string,
  ) {
    super(message);
    this.name = 'MessageError';
  }
}

/**
 * Sends a typed message to the background and returns its answer. Waking a stopped service worker
 * is the browser's job: `runtime.sendMessage` starts it and waits for the listener.
 *
 * The answer is not parsed again: only our own background answers `runtime.sendMessage` from our
 * pages, and its handlers are typed against the protocol (`Handlers` in router.ts). The boundary
 * is the request, which the router parses. Importing the protocol's schemas here would also put
 * zod (about 90 KB minified) in the script the popup must run before its first row.
 */
export async function sendMessage<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  let reply: Reply<ResponseOf<T>> | undefined;
  try {
    reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<ResponseOf<T>> | undefined;
  } catch (error) {
    throw new MessageError(type, `the background did not answer: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!reply) throw new MessageError(type, 'the background did not answer');
  if (!reply.ok) throw new MessageError(type, reply.error);
  return reply.value;
}
