import { browser } from 'wxt/browser';
import { protocol, type MessageType, type Reply, type RequestOf, type ResponseOf } from './protocol';

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
 * Sends a typed message to the background and parses its answer. Waking a stopped service worker
 * is the browser's job: `runtime.sendMessage` starts it and waits for the listener.
 */
export async function sendMessage<T extends MessageType>(type: T, payload: RequestOf<T>): Promise<ResponseOf<T>> {
  let reply: Reply<unknown> | undefined;
  try {
    reply = (await browser.runtime.sendMessage({ type, payload })) as Reply<unknown> | undefined;
  } catch (error) {
    throw new MessageError(type, `the background did not answer: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!reply) throw new MessageError(type, 'the background did not answer');
  if (!reply.ok) throw new MessageError(type, reply.error);
  const parsed = protocol[type].response.safeParse(reply.value);
  if (!parsed.success) throw new MessageError(type, `unexpected answer to "${type}": ${parsed.error.message}`);
  return parsed.data as ResponseOf<T>;
}
