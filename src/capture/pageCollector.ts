/**
 * The page-world collector: observes the requests the site's analytics SDK sends and hands their
 * raw bodies to the isolated content script. It runs in the page's own JavaScript world at
 * `document_start`, because posthog-js keeps its own reference to `fetch` from load time — a
 * wrapper installed later is never called.
 *
 * It must never change what the page sends or receives (test/e2e/collector.spec.ts runs one suite of
 * request behaviours with and without it and compares):
 *
 * - Every wrapper is a `Proxy` of the native function, so `length`, `name`, `prototype`, property
 *   descriptors and "not a constructor" errors stay native; `Function.prototype.toString` answers
 *   for a wrapper what it answers for the native function (Sentry and others test
 *   `/^function fetch\(\) \{ \[native code\] \}$/` and otherwise fetch from a fresh iframe).
 * - The native function gets the same `this` and the same arguments object; its result or exception
 *   passes through untouched; the observer's own failures are swallowed.
 * - The observer runs no page code for ordinary inputs: it reads `init` members only when they are
 *   own data properties (a getter would run twice), and URLs only when they are strings, `URL`s or
 *   `Request`s (an object's `toString` would run twice).
 *
 * Unload: posthog-js flushes with `navigator.sendBeacon(url, blob)` on `pagehide`, where nothing
 * asynchronous completes (`blob.arrayBuffer()` never resolves). So everything here is synchronous:
 * a `Blob` remembers what it was built from, a `Request` what its body was, and the capture is
 * handed over with a synchronous DOM event that the isolated bridge forwards at once.
 *
 * No imports: this file is the whole MAIN-world bundle (≤ 4 KB with WXT's wrapper, see
 * test/bench/collector.bench.ts).
 */

export const CAPTURE_EVENT = 'actionlens:capture';
export const COLLECTOR_READY_EVENT = 'actionlens:collector-ready';
export const BRIDGE_READY_EVENT = 'actionlens:bridge-ready';

/** Bodies above this are not forwarded (the isolated side enforces its own cap too). */
const MAX_BODY_BYTES = 3 * 1024 * 1024;
/**
 * Blobs up to this size remember their bytes. Chromium's keepalive quota (sendBeacon and keepalive
 * fetch) is 64 KiB, so every body an unloading page can still send fits; bigger Blobs are read
 * asynchronously, and memory the collector keeps alive stays small.
 */
const MAX_REMEMBERED_BLOB = 65536;
/** Captures held while the isolated bridge is not listening yet. */
const MAX_QUEUED = 200;

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
const FORM = 'application/x-www-form-urlencoded';

/** A body as the browser sends it: text, a copy of its bytes, or a Blob that can only be read later. */
type Snapshot = [data: string | Uint8Array | Blob, impliedType?: string];

type Before = (self: any, args: any[]) => ((result: any) => unknown) | void;

export function installCollector(win: Window & typeof globalThis): void {
  // Taken now, before page scripts run: a page may replace any of these later.
  // Prototype methods a page instruments (JSON.stringify, URLSearchParams#toString) are taken too;
  // arrays are read by index, never destructured or iterated (that calls Array#@@iterator).
  const { Blob, Request, URL, URLSearchParams, FormData, Headers, ArrayBuffer, Uint8Array, TextEncoder, CustomEvent, Reflect, Object, WeakMap, document, btoa } = win;
  const { apply } = Reflect;
  const { stringify } = win.JSON;
  const { toString: paramsToString, append } = URLSearchParams.prototype;
  const { forEach } = FormData.prototype;
  const dispatch = win.dispatchEvent;
  const own = (o: unknown, key: string) => (o ? Object.getOwnPropertyDescriptor(o, key)?.value : undefined);

  const natives = new WeakMap<object, unknown>();
  const wrap = <T extends object>(target: T, handler: ProxyHandler<T>): T => {
    const proxy = new Proxy(target, handler);
    natives.set(proxy, target);
    return proxy;
  };
  const fnProto = win.Function.prototype;
  fnProto.toString = wrap(fnProto.toString, { apply: (target, self, args) => apply(target, natives.get(self) ?? self, args) });

  /** Wraps `obj[key]`: `before` runs first; what it returns runs only if the native call returned. */
  const hook = (obj: any, key: string, before: Before) => {
    const target = obj?.[key];
    if (typeof target == 'function')
      obj[key] = wrap(target, {
        apply(native, self, args) {
          let after;
          try {
            after = before(self, args);
          } catch {
            // Observing must never break the page's request.
          }
          const result = apply(native, self, args);
          try {
            after?.(result);
          } catch {
            // As above.
          }
          return result;
        },
      });
  };

  const remembered = new WeakMap<Blob, string | Uint8Array>();
  /** Text as is, a copy of bytes (the page may change its buffer later), a Blob's remembered content. */
  const raw = (body: unknown): Snapshot[0] | undefined =>
    typeof body == 'string'
      ? body
      : body instanceof Blob
        ? (remembered.get(body) ?? body)
        : (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) && body.byteLength <= MAX_BODY_BYTES
          ? (body instanceof ArrayBuffer ? new Uint8Array(body) : new Uint8Array(body.buffer, body.byteOffset, body.byteLength)).slice()
          : undefined;
  const snapshot = (body: unknown): Snapshot | undefined => {
    const data = raw(body);
    if (data != null) return [data, (body as Blob).type];
    let form = body;
    if (body instanceof FormData) {
      // Sent as multipart; forwarded as the equivalent form so the wire decoder can read it.
      form = new URLSearchParams();
      apply(forEach, body, [(value: unknown, key: string) => typeof value == 'string' && apply(append, form, [key, value])]);
    }
    if (form instanceof URLSearchParams) return [apply(paramsToString, form, []), FORM];
  };

  const wrapConstructor = (name: 'Blob' | 'Request', remember: (made: any, args: any[]) => void) => {
    const native = win[name];
    const proxy = (win[name] = wrap(native, {
      construct(target, args, newTarget) {
        const made = Reflect.construct(target, args, newTarget);
        try {
          remember(made, args);
        } catch {
          // Not remembered: read later (asynchronously) if it is ever sent.
        }
        return made;
      },
    }) as any);
    // `made.constructor === Blob` and `Blob.prototype.constructor === Blob` hold as without us.
    native.prototype.constructor = proxy;
    return proxy;
  };

  // posthog-js always hands sendBeacon a Blob on unload; `blob.arrayBuffer()` would never finish.
  Object.setPrototypeOf(
    win.File,
    wrapConstructor('Blob', (blob: Blob, args) => {
      const parts = args[0];
      if (!Array.isArray(parts) || blob.size > MAX_REMEMBERED_BLOB) return;
      const chunks: (string | Uint8Array)[] = [];
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i];
        const seen = raw(part);
        // `endings: 'native'` rewrites line breaks in text parts: leave those Blobs to the async path.
        if (seen == null || seen instanceof Blob || (typeof seen == 'string' && /[\r\n]/.test(seen))) return;
        chunks.push(seen);
      }
      if (chunks.length == 1 && typeof chunks[0] == 'string') return void remembered.set(blob, chunks[0]);
      const bytes = new Uint8Array(blob.size);
      let at = 0;
      for (let i = 0; i < chunks.length; i++) {
        const chunk = chunks[i]!;
        const part = typeof chunk == 'string' ? new TextEncoder().encode(chunk) : chunk;
        bytes.set(part, at);
        at += part.length;
      }
      if (at == bytes.length) remembered.set(blob, bytes);
    }),
  );

  // A Request's body can only be read by cloning it, which tees (locks) the page's stream and is
  // asynchronous: remember what it was built from instead.
  const requests = new WeakMap<Request, Snapshot | undefined>();
  wrapConstructor('Request', (request: Request, args) => {
    const input = args[0];
    const body = own(args[1], 'body');
    requests.set(request, body == null && input instanceof Request ? requests.get(input) : snapshot(body));
  });
  hook(Request.prototype, 'clone', (self) => (copy) => requests.set(copy, requests.get(self)));

  let ready = false;
  let counter = 0;
  const queue: string[] = [];
  // A string detail crosses from the page's world to the isolated world unchanged; objects do not.
  const send = (detail: string) => apply(dispatch, win, [new CustomEvent(CAPTURE_EVENT, { detail })]);
  win.addEventListener(BRIDGE_READY_EVENT, () => {
    ready = true;
    queue.splice(0).forEach(send);
  });

  const capture = (transport: CollectedRequest['transport'], url: unknown, method: unknown, body: Snapshot | undefined, contentType?: string | null) => {
    url = typeof url == 'string' ? url : url instanceof URL ? url.href : null;
    if (url == null || !body || typeof method != 'string' || /^(get|head)$/i.test(method)) return;
    const target = new URL(url as string, document.baseURI);
    // Random part: every frame of the tab runs its own collector and counter.
    const request = { id: Math.random().toString(36).slice(2) + counter++, url: target.href, method: method.toUpperCase(), contentType: contentType || body[1] || null, transport, sentAt: Date.now() };
    const forward = (data: string | Uint8Array) => {
      const text = typeof data == 'string';
      if (
        data.length > MAX_BODY_BYTES ||
        // Proxies rewrite paths: recognise the payload too (gzip magic 1f 8b, base64 form, JSON).
        !(CAPTURE_PATH.test(target.pathname) || target.searchParams.has('compression') || (text ? /^data=|"(event|api_key|batch)"\s*:/.test(data.slice(0, 4096)) : data[0] == 31 && data[1] == 139))
      )
        return;
      let binary = '';
      if (!text) for (let i = 0; i < data.length; i += 32768) binary += String.fromCharCode.apply(null, data.subarray(i, i + 32768) as unknown as number[]);
      const detail = stringify({ ...request, body: text ? { kind: 'text', text: data } : { kind: 'base64', base64: btoa(binary) } });
      if (ready) send(detail);
      else if (queue.length < MAX_QUEUED) queue.push(detail);
    };
    const data = body[0];
    // Only Blobs made elsewhere (slice, fetch responses, other frames) take this path: fine while
    // the page lives, too late during unload.
    if (data instanceof Blob) data.size <= MAX_BODY_BYTES && data.arrayBuffer().then((buffer) => forward(new Uint8Array(buffer)), () => 0);
    else forward(data);
  };

  hook(win, 'fetch', (_, args) => {
    const input = args[0];
    const init = args[1];
    const body = own(init, 'body');
    const isRequest = input instanceof Request;
    let contentType = isRequest ? input.headers.get('content-type') : null;
    const headers = own(init, 'headers');
    if (headers) contentType = new Headers(headers).get('content-type');
    capture(
      'fetch',
      isRequest ? input.url : input,
      own(init, 'method') ?? (isRequest ? input.method : 'GET'),
      body == null && isRequest ? requests.get(input) : snapshot(body),
      contentType,
    );
  });

  const xhrs = new WeakMap<XMLHttpRequest, [method: unknown, url: unknown, contentType: string | null]>();
  const xhrProto = win.XMLHttpRequest?.prototype;
  hook(xhrProto, 'open', (self, args) => () => xhrs.set(self, [args[0], args[1], null]));
  hook(xhrProto, 'setRequestHeader', (self, args) => () => {
    const state = xhrs.get(self);
    if (state && typeof args[0] == 'string' && typeof args[1] == 'string' && args[0].toLowerCase() == 'content-type') state[2] = args[1];
  });
  hook(xhrProto, 'send', (self, args) => {
    const state = xhrs.get(self);
    // After a successful send only: `send` throws when the request is not open or already sent.
    if (state) return () => capture('xhr', state[1], state[0], snapshot(args[0]), state[2]);
  });

  // On Navigator.prototype, where the browser defines it: `navigator.hasOwnProperty` stays false.
  // Only beacons the browser queued (it returns false above its 64 KiB quota) are forwarded.
  hook(win.Navigator?.prototype, 'sendBeacon', (_, args) => (queued) => queued && capture('beacon', args[0], 'POST', snapshot(args[1])));

  apply(dispatch, win, [new CustomEvent(COLLECTOR_READY_EVENT)]);
}
