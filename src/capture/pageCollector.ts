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
 * - `Blob` and `Request` are wrapped the same way; `Blob.prototype.constructor`,
 *   `Request.prototype.constructor` and `File`'s prototype point at the wrappers, so `instanceof`,
 *   `x.constructor === Blob`, subclasses and `Object.getPrototypeOf(File) === Blob` hold.
 *
 * What a page can still observe: an error thrown synchronously through a wrapper (`new Blob(5)`,
 * `xhr.send()` twice) has one more stack frame, naming this script's extension URL; a fresh
 * `about:blank` iframe's `Function.prototype.toString` shows the wrappers as proxies; a `Proxy`
 * passed as `init` sees `getOwnPropertyDescriptor` traps; the CustomEvents below, if it listens
 * for their names; extra calls to built-in prototype methods it instruments beyond those taken at
 * install (String/RegExp methods, `Blob#size`, `Request#url`, `WeakMap#get`, `Date.now`); the
 * time a capture takes (test/bench/collector.md) and a base64 copy kept per Blob of ≤ 64 KiB.
 *
 * Unload: posthog-js flushes with `navigator.sendBeacon(url, blob)` on `pagehide`, where nothing
 * asynchronous completes (`blob.arrayBuffer()` never resolves). So everything here is synchronous:
 * a `Blob` remembers what it was built from, a `Request` what its body was, and the capture is
 * handed over with a synchronous DOM event that the isolated bridge forwards at once. Only Blobs
 * the collector did not see being built (`slice()`, responses, other frames) are read
 * asynchronously, which is fine while the page lives.
 *
 * No imports: this file is the whole MAIN-world bundle (≤ 4 KB with WXT's wrapper, see
 * test/bench/collector.bench.ts).
 */

export const CAPTURE_EVENT = 'actionlens:capture';
export const COLLECTOR_READY_EVENT = 'actionlens:collector-ready';
export const BRIDGE_READY_EVENT = 'actionlens:bridge-ready';

/** Bodies above this (characters of text, or bytes before base64) are not forwarded; the bridge caps too. */
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

/** Paths that posthog-js (any version) posts events or remote-config calls to, or its URL marker. */
const CAPTURE_URL = /^[^?#]*\/(e|i\/v0\/e|batch|capture|track|engage|decide|flags)\/?([?#]|$)|[?&]compression=/;
const FORM = 'application/x-www-form-urlencoded';

/**
 * A body as the browser sends it: text as the page gave it, bytes as base64 (a copy, as the page
 * may reuse its buffer once the call returns; a string is far cheaper to allocate than an
 * ArrayBuffer), or a Blob not seen being built, which can only be read later.
 */
type Data = string | [base64: string] | Blob;
type Snapshot = [data: Data, impliedType?: string];

type Before = (self: any, args: any[]) => ((result: any) => unknown) | void;

export function installCollector(win: Window & typeof globalThis): void {
  // Taken now, before page scripts run: a page may replace any of these later.
  // Prototype methods a page instruments (JSON.stringify, URLSearchParams#toString) are taken too;
  // arrays are read by index, never destructured or iterated (that calls Array#@@iterator).
  const { Blob, Request, URL, URLSearchParams, FormData, Headers, ArrayBuffer, Uint8Array, CustomEvent, Reflect, Object, WeakMap, document, atob, btoa, unescape, encodeURIComponent } = win;
  const { apply } = Reflect;
  const { fromCharCode } = win.String;
  // Uint8Array#toBase64 (Chromium 140, Firefox 133, Safari 18.2) is ~20× faster than btoa's way.
  const { toBase64 } = Uint8Array.prototype as { toBase64?: () => string };
  const { stringify } = win.JSON;
  const { toString: paramsToString, append } = URLSearchParams.prototype;
  const { forEach } = FormData.prototype;
  const { get } = Headers.prototype;
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

  const base64 = (buffer: ArrayBuffer | ArrayBufferView) => {
    const bytes = buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    if (toBase64) return apply(toBase64, bytes, []);
    let binary = '';
    for (let i = 0; i < bytes.length; i += 32768) binary += apply(fromCharCode, null, bytes.subarray(i, i + 32768) as unknown as number[]);
    return btoa(binary);
  };
  const remembered = new WeakMap<Blob, Exclude<Data, Blob>>();
  const raw = (body: unknown): Data | undefined =>
    typeof body == 'string'
      ? body
      : body instanceof Blob
        ? (remembered.get(body) ?? body)
        : (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) && body.byteLength <= MAX_BODY_BYTES
          ? [base64(body)]
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
    const native: any = win[name];
    const proxy: any = ((win as any)[name] = wrap(native, {
      construct(target, args, newTarget): object {
        // `new Blob()` reaches us with the wrapper as new.target; Chromium builds such an object
        // the slow way, and every later use of it is slower (a beacon by ~1 ms): pass the native.
        const made: object = Reflect.construct(target, args, newTarget == proxy ? target : newTarget);
        try {
          remember(made, args);
        } catch {
          // Not remembered: read later (asynchronously) if it is ever sent.
        }
        return made;
      },
    }));
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
      let bytes = '';
      for (let i = 0; i < parts.length; i++) {
        const seen = raw(parts[i]);
        // `endings: 'native'` rewrites line breaks in text parts: leave those Blobs to the async path.
        if (seen == null || seen instanceof Blob || (typeof seen == 'string' && /[\r\n]/.test(seen))) return;
        if (parts.length == 1 && typeof seen == 'string') return void remembered.set(blob, seen);
        // Text parts are stored as UTF-8 (lone surrogates throw here, and are left to the async path).
        bytes += typeof seen == 'string' ? unescape(encodeURIComponent(seen)) : atob(seen[0]);
      }
      if (bytes.length == blob.size) remembered.set(blob, [btoa(bytes)]);
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
    // SDKs use absolute URLs; parsing one costs more than the rest of the capture.
    const href = /^https?:\/\//i.test(url as string) ? (url as string) : new URL(url as string, document.baseURI).href;
    // Random part: every frame of the tab runs its own collector and counter.
    const id = Math.random().toString(36).slice(2) + counter++;
    const sentAt = Date.now();
    const forward = (data: Exclude<Data, Blob>) => {
      const text = typeof data == 'string';
      const chars = text ? data : data[0];
      if (
        // (Bytes were checked before encoding.)
        (text && chars.length > MAX_BODY_BYTES) ||
        // Proxies rewrite paths: recognise the payload too (gzip 1f 8b 08 is base64 H4s…, form, JSON).
        !(CAPTURE_URL.test(href) || (text ? /^data=|"(event|api_key|batch)"\s*:/.test(chars.slice(0, 4096)) : chars.startsWith('H4s')))
      )
        return;
      const detail = stringify({
        id,
        url: href,
        method: (method as string).toUpperCase(),
        contentType: contentType || body[1] || null,
        transport,
        sentAt,
        body: text ? { kind: 'text', text: chars } : { kind: 'base64', base64: chars },
      } satisfies CollectedRequest);
      if (ready) send(detail);
      else if (queue.length < MAX_QUEUED) queue.push(detail);
    };
    const data = body[0];
    // A Blob not seen being built. Nothing may reject unhandled: pages listen for that.
    if (data instanceof Blob)
      data.size <= MAX_BODY_BYTES &&
        data
          .arrayBuffer()
          .then((buffer) => forward([base64(buffer)]))
          .catch(() => 0);
    else forward(data);
  };

  hook(win, 'fetch', (_, args) => {
    const input = args[0];
    const init = args[1];
    const body = own(init, 'body');
    const isRequest = input instanceof Request;
    // posthog-js passes a Headers object: read it with the get taken at install.
    let headers = own(init, 'headers') ?? (isRequest ? input.headers : null);
    if (headers && !(headers instanceof Headers)) headers = new Headers(headers);
    capture(
      'fetch',
      isRequest ? input.url : input,
      own(init, 'method') ?? (isRequest ? input.method : 'GET'),
      body == null && isRequest ? requests.get(input) : snapshot(body),
      headers && apply(get, headers, ['content-type']),
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
    // Read now (a synchronous request runs page handlers inside send), forwarded after a
    // successful send only: `send` throws when the request is not open or already sent.
    const body = state && snapshot(args[0]);
    if (body) return () => capture('xhr', state[1], state[0], body, state[2]);
  });

  // On Navigator.prototype, where the browser defines it: `navigator.hasOwnProperty` stays false.
  // Only beacons the browser queued (it returns false above its 64 KiB quota) are forwarded.
  hook(win.Navigator?.prototype, 'sendBeacon', (_, args) => (queued) => queued && capture('beacon', args[0], 'POST', snapshot(args[1])));

  apply(dispatch, win, [new CustomEvent(COLLECTOR_READY_EVENT)]);
}
