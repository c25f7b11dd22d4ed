/**
 * The page-world collector: observes the requests the site's analytics SDK sends and hands their
 * raw bodies to the isolated content script. It runs in the page's own JavaScript world at
 * `document_start`, because posthog-js keeps its own reference to `fetch` from load time — a
 * wrapper installed later is never called.
 *
 * It must never change what the page sends or receives: the original function is always called
 * with the same `this` and arguments, its result or error is returned untouched, and any failure
 * inside the observer is swallowed. No imports: this file is the whole MAIN-world bundle.
 */

export const CAPTURE_EVENT = 'actionlens:capture';
export const COLLECTOR_READY_EVENT = 'actionlens:collector-ready';
export const BRIDGE_READY_EVENT = 'actionlens:bridge-ready';

/** Bodies above this are not forwarded (the isolated side enforces its own cap too). */
const MAX_BODY_BYTES = 3 * 1024 * 1024;

export interface CollectedBody {
  kind: 'text' | 'base64';
  text?: string;
  base64?: string;
}

export interface CollectedRequest {
  id: string;
  url: string;
  method: string;
  contentType: string | null;
  transport: 'fetch' | 'xhr' | 'beacon';
  sentAt: number;
  body: CollectedBody;
}

/** Paths that posthog-js (any version) posts events or remote-config calls to. */
const CAPTURE_PATH = /\/(e|i\/v0\/e|batch|capture|track|engage|decide|flags)\/?$/;

function isCandidate(url: string, body: CollectedBody): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url, location.href);
  } catch {
    return false;
  }
  if (CAPTURE_PATH.test(parsed.pathname) || parsed.searchParams.has('compression')) return true;
  // Proxies may rewrite the path: recognise the payload instead.
  if (body.kind === 'base64') return (body.base64 ?? '').startsWith('H4sI'); // gzip magic 1f 8b 08
  const text = body.text ?? '';
  return text.startsWith('data=') || /"(event|api_key|batch)"\s*:/.test(text.slice(0, 4096));
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + chunk)));
  }
  return btoa(binary);
}

type BodyResult = { body: CollectedBody; contentType: string | null } | Promise<{ body: CollectedBody; contentType: string | null } | null> | null;

/** Reads a request body without consuming it. Synchronous where the body type allows. */
function readBody(body: unknown, contentType: string | null): BodyResult {
  if (body == null) return null;
  if (typeof body === 'string') {
    return body.length > MAX_BODY_BYTES ? null : { body: { kind: 'text', text: body }, contentType };
  }
  if (body instanceof URLSearchParams) {
    return { body: { kind: 'text', text: body.toString() }, contentType: contentType ?? 'application/x-www-form-urlencoded' };
  }
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) {
    const bytes = body instanceof ArrayBuffer ? new Uint8Array(body) : new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    return bytes.length > MAX_BODY_BYTES ? null : { body: { kind: 'base64', base64: bytesToBase64(bytes) }, contentType };
  }
  if (body instanceof Blob) {
    if (body.size > MAX_BODY_BYTES) return null;
    const type = contentType ?? (body.type || null);
    return body.arrayBuffer().then((buffer) => ({ body: { kind: 'base64', base64: bytesToBase64(new Uint8Array(buffer)) }, contentType: type }));
  }
  if (body instanceof FormData) {
    const form = new URLSearchParams();
    body.forEach((value, key) => {
      if (typeof value === 'string') form.append(key, value);
    });
    return { body: { kind: 'text', text: form.toString() }, contentType: 'application/x-www-form-urlencoded' };
  }
  return null; // ReadableStream and unknown bodies: nothing we can read without consuming them.
}

function headerValue(headers: HeadersInit | undefined, name: string): string | null {
  if (!headers) return null;
  try {
    return new Headers(headers).get(name);
  } catch {
    return null;
  }
}

export function installCollector(win: Window & typeof globalThis): void {
  let counter = 0;
  let bridgeReady = false;
  const queue: string[] = [];

  function emit(request: CollectedRequest): void {
    const detail = JSON.stringify(request);
    if (!bridgeReady) {
      if (queue.length < 200) queue.push(detail);
      return;
    }
    // A string detail crosses from the page's world to the isolated world unchanged; objects do not.
    win.dispatchEvent(new CustomEvent(CAPTURE_EVENT, { detail }));
  }

  win.addEventListener(BRIDGE_READY_EVENT, () => {
    bridgeReady = true;
    for (const detail of queue.splice(0)) win.dispatchEvent(new CustomEvent(CAPTURE_EVENT, { detail }));
  });

  function observe(transport: CollectedRequest['transport'], url: string, method: string, body: unknown, contentType: string | null): void {
    const sentAt = Date.now();
    const id = `${sentAt.toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const finish = (read: { body: CollectedBody; contentType: string | null } | null) => {
      if (read && isCandidate(url, read.body)) {
        emit({ id, url: new URL(url, win.location.href).href, method: method.toUpperCase(), contentType: read.contentType, transport, sentAt, body: read.body });
      }
    };
    const read = readBody(body, contentType);
    if (read instanceof Promise) read.then(finish, () => undefined);
    else finish(read);
  }

  const originalFetch = win.fetch;
  if (typeof originalFetch === 'function') {
    win.fetch = function fetch(this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      try {
        if (input instanceof Request && init?.body === undefined) {
          if (input.body) {
            const copy = input.clone();
            const type = copy.headers.get('content-type');
            void copy.arrayBuffer().then((buffer) => observe('fetch', copy.url, copy.method, buffer, type), () => undefined);
          }
        } else if (init?.body != null) {
          const url = input instanceof Request ? input.url : String(input);
          const method = init.method ?? (input instanceof Request ? input.method : 'GET');
          const type = headerValue(init.headers, 'content-type') ?? (input instanceof Request ? input.headers.get('content-type') : null);
          observe('fetch', url, method, init.body, type);
        }
      } catch {
        // Observing must never break the page's request.
      }
      // eslint-disable-next-line prefer-rest-params
      return originalFetch.apply(this, arguments as unknown as [RequestInfo | URL, RequestInit?]);
    } as typeof fetch;
  }

  const xhrState = new WeakMap<XMLHttpRequest, { method: string; url: string; contentType: string | null }>();
  const proto = win.XMLHttpRequest?.prototype;
  if (proto) {
    const originalOpen = proto.open;
    const originalSetHeader = proto.setRequestHeader;
    const originalSend = proto.send;
    proto.open = function open(this: XMLHttpRequest, method: string, url: string | URL) {
      try {
        xhrState.set(this, { method: String(method), url: String(url), contentType: null });
      } catch {
        // ignore
      }
      // eslint-disable-next-line prefer-rest-params
      return originalOpen.apply(this, arguments as unknown as Parameters<typeof originalOpen>);
    } as typeof proto.open;
    proto.setRequestHeader = function setRequestHeader(this: XMLHttpRequest, name: string, value: string) {
      try {
        const state = xhrState.get(this);
        if (state && String(name).toLowerCase() === 'content-type') state.contentType = String(value);
      } catch {
        // ignore
      }
      return originalSetHeader.call(this, name, value);
    };
    proto.send = function send(this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
      try {
        const state = xhrState.get(this);
        if (state && body != null) observe('xhr', state.url, state.method, body, state.contentType);
      } catch {
        // ignore
      }
      // eslint-disable-next-line prefer-rest-params
      return originalSend.apply(this, arguments as unknown as [body?: Document | XMLHttpRequestBodyInit | null]);
    };
  }

  const nav = win.navigator;
  const originalBeacon = nav?.sendBeacon;
  if (typeof originalBeacon === 'function') {
    nav.sendBeacon = function sendBeacon(this: Navigator, url: string | URL, data?: BodyInit | null) {
      try {
        if (data != null) observe('beacon', String(url), 'POST', data, null);
      } catch {
        // ignore
      }
      // eslint-disable-next-line prefer-rest-params
      return originalBeacon.apply(this, arguments as unknown as [string | URL, BodyInit?]);
    };
  }

  win.dispatchEvent(new CustomEvent(COLLECTOR_READY_EVENT));
}
