import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { bundleForPage } from '../../support/bundleForPage';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * The page-world collector as one IIFE that installs itself, for `page.addInitScript`: the same
 * code the extension injects at document_start, without the extension around it.
 */
export async function bundleCollector(): Promise<string> {
  return bundleForPage(`import { installCollector } from './src/capture/pageCollector';\ninstallCollector(window);`, { resolveDir: repoRoot, sourcefile: 'collector-init.ts' });
}

/** What one request looked like on arrival; multipart boundaries are replaced (they are random). */
export interface ReceivedRequest {
  method: string;
  path: string;
  contentType: string | null;
  body: string;
  secFetchMode: string | null;
}

export interface BehaviourServer {
  url: string;
  /** A URL on 127.0.0.1 where nothing listens: connection refused. */
  refusedUrl: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

const PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>behaviours</title></head><body><p>behaviours</p></body></html>';

function normalise(contentType: string | undefined, body: Buffer): { contentType: string | null; body: string } {
  const boundary = /boundary=(.+)$/.exec(contentType ?? '')?.[1];
  let text = body.toString('base64');
  let type = contentType ?? null;
  if (boundary) {
    text = Buffer.from(body.toString('latin1').split(boundary).join('BOUNDARY'), 'latin1').toString('base64');
    type = type!.replace(boundary, 'BOUNDARY');
  }
  return { contentType: type, body: text };
}

/**
 * Serves the behaviour page and the endpoints its requests hit, and records what arrives:
 * `/echo` answers with what it received, `/slow` waits, `/hold` sends its headers at once and its
 * body only after a wait, `/drip` streams three chunks, `/reset`
 * drops the connection, `/redirect` redirects to `/echo`, `/e/` answers like a capture endpoint.
 */
export async function startBehaviourServer(page = PAGE): Promise<BehaviourServer> {
  const received: ReceivedRequest[] = [];
  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname;
    if (path !== '/' && path !== '/favicon.ico') {
      received.push({ method: req.method ?? '', path: url.pathname + url.search, ...normalise(req.headers['content-type'], body), secFetchMode: (req.headers['sec-fetch-mode'] as string) ?? null });
    }
    const status = Number(url.searchParams.get('status') ?? 200);
    switch (path) {
      case '/':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
        return;
      case '/echo': {
        const echoed = normalise(req.headers['content-type'], body);
        res.writeHead(status, 'Echoed', { 'content-type': 'application/json', 'x-echo': 'yes', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ method: req.method, length: body.length, ...echoed }));
        return;
      }
      case '/slow':
        setTimeout(() => !res.destroyed && res.writeHead(200, { 'content-type': 'text/plain' }).end('slow'), 1500);
        return;
      case '/hold':
        res.writeHead(200, { 'content-type': 'text/plain' }).flushHeaders();
        setTimeout(() => !res.destroyed && res.end('held'), 1500);
        return;
      case '/drip': {
        const chunk = 'x'.repeat(20_000);
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(chunk.length * 3) });
        res.write(chunk);
        setTimeout(() => res.write(chunk), 60);
        setTimeout(() => res.end(chunk), 120);
        return;
      }
      case '/reset':
        req.socket.destroy();
        return;
      case '/redirect':
        res.writeHead(302, { location: '/echo?status=203' }).end();
        return;
      default:
        res.writeHead(path.endsWith('/e/') ? 200 : 404, { 'content-type': 'text/plain' }).end('1');
    }
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
    req.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    refusedUrl: `http://127.0.0.1:${await freePort()}`,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port that was free a moment ago: nothing listens there. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export type Outcomes = Record<string, unknown>;

/**
 * The request behaviours a page can observe, run inside the page (passed to `page.evaluate`, so
 * self-contained). Each case returns what the page saw: results, errors (name, message, class),
 * event order, property values. Run once without and once with the collector; the outcomes must
 * be equal. The `hostile` cases (run instead of the others) change built-ins the way real pages do,
 * so they run on a page of their own.
 */
export async function behaviourSuite({ refused, hostile }: { refused: string; hostile: boolean }): Promise<Outcomes> {
  type Case = () => unknown;
  const errorOf = (error: unknown) =>
    error instanceof Error || error instanceof DOMException
      ? { name: error.name, message: error.message, type: error.constructor.name, isTypeError: error instanceof TypeError }
      : { thrown: String(error) };
  const attempt = async (run: () => unknown) => {
    try {
      return { value: await run() };
    } catch (error) {
      return { error: errorOf(error) };
    }
  };
  const syncAttempt = (run: () => unknown) => {
    try {
      return { value: run() };
    } catch (error) {
      return { error: errorOf(error) };
    }
  };
  const describeResponse = async (response: Response) => ({
    status: response.status,
    statusText: response.statusText,
    ok: response.ok,
    type: response.type,
    redirected: response.redirected,
    url: response.url.replace(location.origin, ''),
    echo: response.headers.get('x-echo'),
    contentType: response.headers.get('content-type'),
    body: await response.text(),
  });
  const post = (body: unknown, extra: RequestInit = {}, url = '/echo') => fetch(url, { method: 'POST', body: body as BodyInit, ...extra }).then(describeResponse);
  const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7) % 256);
  const gzipLike = () => new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]);
  const stream = (text: string) =>
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    });
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const describeFunction = (fn: unknown, owner?: object, key?: string) => {
    if (typeof fn !== 'function') return { missing: true };
    const descriptor = owner && key ? Object.getOwnPropertyDescriptor(owner, key) : undefined;
    return {
      name: fn.name,
      length: fn.length,
      toString: Function.prototype.toString.call(fn),
      viaString: String(fn),
      hasPrototype: 'prototype' in fn,
      ownKeys: Reflect.ownKeys(fn).map(String).sort(),
      descriptor: descriptor && { writable: descriptor.writable, enumerable: descriptor.enumerable, configurable: descriptor.configurable, same: descriptor.value === fn },
      asConstructor: syncAttempt(() => {
        // Built-in methods are not constructors; the error is what a page would see.
        new (fn as unknown as new () => unknown)();
        return 'constructed';
      }),
    };
  };

  /** Records `type:readyState` for each event's first firing (how often progress fires varies). */
  const xhrLog = (xhr: XMLHttpRequest) => {
    const log: string[] = [];
    const push = (entry: string) => !log.includes(entry) && log.push(entry);
    for (const type of ['readystatechange', 'loadstart', 'progress', 'load', 'loadend', 'abort', 'error', 'timeout']) {
      // Chromium throttles progress to one per 50 ms, so whether one fires at readyState 4 varies.
      xhr.addEventListener(type, () => push(type === 'progress' ? type : `${type}:${xhr.readyState}`));
      if (type !== 'readystatechange') xhr.upload.addEventListener(type, () => push(`upload.${type}`));
    }
    return log;
  };
  const runXhr = (method: string, url: string, body: unknown, setup: (xhr: XMLHttpRequest) => void = () => undefined) =>
    new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      const log = xhrLog(xhr);
      const sent = syncAttempt(() => {
        xhr.open(method, url);
        setup(xhr);
        xhr.send(body as XMLHttpRequestBodyInit);
        log.push('returned');
      });
      const finish = () =>
        setTimeout(() =>
          resolve({
            sent,
            log,
            status: xhr.status,
            statusText: xhr.statusText,
            readyState: xhr.readyState,
            response: typeof xhr.response === 'string' ? xhr.response.slice(0, 400) : String(xhr.response),
            headers: xhr.getAllResponseHeaders().split('\r\n').filter((line) => /^(content-type|x-echo)/.test(line)),
          }),
        );
      if ('error' in sent) finish();
      else xhr.addEventListener('loadend', finish);
    });

  const cases: Record<string, Case> = {};

  // Bodies of every kind, as the server and the page see them.
  Object.assign(cases, {
    'fetch string body': () => post('{"event":"x"}', { headers: { 'content-type': 'application/json' } }),
    'fetch text body, default type': () => post('hello'),
    'fetch ArrayBuffer body': () => post(bytes(300).buffer),
    'fetch typed array body (offset view)': () => post(new Uint8Array(bytes(64).buffer, 8, 16)),
    'fetch DataView body': () => post(new DataView(bytes(32).buffer, 4, 8)),
    'fetch Uint16Array body': () => post(new Uint16Array([1, 2, 65535])),
    'fetch Blob body, typed': () => post(new Blob(['{"a":1}'], { type: 'application/json' })),
    'fetch Blob body, untyped bytes': () => post(new Blob([gzipLike()])),
    'fetch Blob body, mixed parts': () => post(new Blob(['a', bytes(5), new Blob(['b']), 'é\u{1F600}', new Uint16Array([258]).buffer])),
    'fetch Blob body, lone surrogate': () => post(new Blob(['x\uD800y'])),
    'fetch Blob body, native endings': () => post(new Blob(['a\r\nb\rc\n'], { endings: 'native' })),
    'fetch Blob body, sliced': () => post(new Blob(['0123456789']).slice(2, 6)),
    'fetch Blob body, large': () => post(new Blob([bytes(200_000)])),
    'fetch File body': () => post(new File(['file body'], 'f.txt', { type: 'text/plain' })),
    'fetch FormData body': () => {
      const form = new FormData();
      form.append('a', '1');
      form.append('file', new Blob(['blob'], { type: 'text/plain' }), 'b.txt');
      return post(form, {}, '/echo?form');
    },
    'fetch URLSearchParams body': () => post(new URLSearchParams({ data: 'eyJhIjoxfQ==', compression: 'base64' })),
    'fetch ReadableStream body, duplex half': async () => {
      const body = stream('streamed');
      const result = await attempt(() => post(body, { duplex: 'half' } as RequestInit));
      return { result, locked: body.locked };
    },
    'fetch ReadableStream body without duplex': async () => {
      const body = stream('streamed');
      const result = await attempt(() => post(body));
      return { result, locked: body.locked };
    },
    'fetch body mutated after the call': async () => {
      const buffer = bytes(16);
      const pending = post(buffer);
      buffer.fill(0);
      return pending;
    },
    'fetch GET, no body': () => fetch('/echo?status=202').then(describeResponse),
    'fetch URL object': () => fetch(new URL('/echo?u=1', location.href), { method: 'POST', body: 'u' }).then(describeResponse),
    'fetch relative path for capture': () => fetch('/e/?compression=gzip-js', { method: 'POST', body: new Blob([gzipLike()]) }).then(describeResponse),
    'fetch returns a native promise': () => {
      const pending = fetch('/echo');
      return { isPromise: pending instanceof Promise, proto: Object.getPrototypeOf(pending) === Promise.prototype };
    },
  });

  // Request objects.
  Object.assign(cases, {
    'Request with body': async () => {
      const request = new Request('/echo', { method: 'POST', body: 'request body', headers: { 'content-type': 'application/json' } });
      const before = request.bodyUsed;
      const response = await fetch(request).then(describeResponse);
      const reused = await attempt(() => fetch(request));
      return { before, after: request.bodyUsed, response, reused };
    },
    'Request body stream state during fetch': async () => {
      const request = new Request('/echo', { method: 'POST', body: 'x' });
      const stream = request.body!;
      const pending = fetch(request);
      const state = { locked: stream.locked, same: request.body === stream, used: request.bodyUsed };
      await pending;
      return state;
    },
    'Request with Blob body': () => fetch(new Request('/echo', { method: 'POST', body: new Blob([gzipLike()]) })).then(describeResponse),
    'Request with ArrayBuffer body, mutated after': () => {
      const buffer = bytes(8);
      const request = new Request('/echo', { method: 'POST', body: buffer });
      buffer.fill(9);
      return fetch(request).then(describeResponse);
    },
    'Request from Request': () => fetch(new Request(new Request('/echo', { method: 'POST', body: 'inner' }))).then(describeResponse),
    'Request clone': async () => {
      const request = new Request('/echo', { method: 'POST', body: 'cloned' });
      const copy = request.clone();
      return { copy: await fetch(copy).then(describeResponse), original: await fetch(request).then(describeResponse) };
    },
    'Request with body overridden by init': () => fetch(new Request('/echo', { method: 'POST', body: 'old' }), { body: 'new' }).then(describeResponse),
    'Request with method overridden to GET': () => attempt(() => fetch(new Request('/echo', { method: 'POST', body: 'x' }), { method: 'GET' }).then(describeResponse)),
    'Request GET with body throws': () => syncAttempt(() => new Request('/echo', { method: 'GET', body: 'x' })),
    'Request without new throws': () => syncAttempt(() => (Request as unknown as (u: string) => Request)('/echo')),
    'Request subclass': async () => {
      class Tagged extends Request {
        tag = 'mine';
      }
      const request = new Tagged('/echo', { method: 'POST', body: 'sub' });
      return { isTagged: request instanceof Tagged, tag: request.tag, isRequest: request instanceof Request, response: await fetch(request).then(describeResponse) };
    },
    'Request identity': () => {
      const request = new Request('/echo');
      return {
        constructor: request.constructor === Request,
        protoConstructor: Request.prototype.constructor === Request,
        proto: Object.getPrototypeOf(request) === Request.prototype,
        fn: describeFunction(Request, window, 'Request'),
        clone: describeFunction(Request.prototype.clone, Request.prototype, 'clone'),
        cloneIdentity: request.clone().constructor === Request,
      };
    },
  });

  // Abort, keepalive, network errors and thrown errors.
  Object.assign(cases, {
    'abort before': async () => {
      const controller = new AbortController();
      controller.abort();
      const request = new Request('/echo', { method: 'POST', body: 'x', signal: controller.signal });
      const stream = request.body!;
      const result = await attempt(() => fetch('/echo', { method: 'POST', body: 'x', signal: controller.signal }));
      const withRequest = await attempt(() => fetch(request));
      return { result, withRequest, used: request.bodyUsed, locked: stream.locked };
    },
    'abort before with reason': () => {
      const controller = new AbortController();
      controller.abort(new RangeError('why'));
      return attempt(() => fetch('/echo', { signal: controller.signal }));
    },
    'abort during': async () => {
      const controller = new AbortController();
      const pending = attempt(() => fetch('/slow', { method: 'POST', body: 'x', signal: controller.signal }));
      await wait(50);
      controller.abort();
      return pending;
    },
    'abort while reading the response': async () => {
      const controller = new AbortController();
      const response = await fetch('/drip', { signal: controller.signal });
      const reading = attempt(() => response.text());
      controller.abort();
      return reading;
    },
    'signal timeout': () => attempt(() => fetch('/slow', { signal: AbortSignal.timeout(50) })),
    'keepalive small': () => post('keep', { keepalive: true }),
    'keepalive over quota': () => attempt(() => post(bytes(70_000), { keepalive: true })),
    'keepalive stream': () => attempt(() => post(stream('x'), { keepalive: true, duplex: 'half' } as RequestInit)),
    'connection refused': () => attempt(() => fetch(`${refused}/e/`, { method: 'POST', body: '{"event":"x"}' })),
    'connection reset': () => attempt(() => fetch('/reset', { method: 'POST', body: 'x' })),
    'bad URL': () => attempt(() => fetch('http://[', { method: 'POST', body: 'x' })),
    'GET with body': () => attempt(() => fetch('/echo', { method: 'GET', body: 'x' })),
    'HEAD with body': () => attempt(() => fetch('/echo', { method: 'HEAD', body: 'x' })),
    'no arguments': () => attempt(() => (fetch as unknown as () => Promise<Response>)()),
    'bad method': () => attempt(() => fetch('/echo', { method: 'NOT A METHOD', body: 'x' })),
    'forbidden method': () => attempt(() => fetch('/echo', { method: 'CONNECT' })),
    'bad header name': () => attempt(() => fetch('/echo', { method: 'POST', body: 'x', headers: { 'bad header': 'x' } })),
    'bad header shape': () => attempt(() => fetch('/echo', { method: 'POST', body: 'x', headers: [['only-name']] as unknown as HeadersInit })),
    'mode navigate': () => attempt(() => fetch('/echo', { mode: 'navigate' })),
    'wrong this': () => attempt(() => fetch.call({} as Window, '/echo')),
    'rejection order': async () => {
      const order: string[] = [];
      const pending = fetch('http://[').catch(() => order.push('rejected'));
      void Promise.resolve().then(() => order.push('microtask 1')).then(() => order.push('microtask 2')).then(() => order.push('microtask 3'));
      order.push('sync');
      await pending;
      await wait(0);
      return order;
    },
  });

  // Responses as the page sees them.
  Object.assign(cases, {
    'response status and headers': () => fetch('/echo?status=201').then(describeResponse),
    'response 404': () => fetch('/missing').then(describeResponse),
    'response after redirect': () => fetch('/redirect', { method: 'POST', body: 'r' }).then(describeResponse),
    'response body as bytes': async () => Array.from(new Uint8Array(await (await fetch('/drip')).arrayBuffer()).slice(0, 4)),
  });

  // XMLHttpRequest.
  Object.assign(cases, {
    'xhr sync': () => {
      const xhr = new XMLHttpRequest();
      const log = xhrLog(xhr);
      xhr.open('POST', '/echo', false);
      xhr.setRequestHeader('Content-Type', 'application/json');
      xhr.send('{"event":"sync"}');
      log.push('returned');
      return { log, status: xhr.status, response: xhr.responseText };
    },
    'xhr sync network error': () => {
      const xhr = new XMLHttpRequest();
      const log = xhrLog(xhr);
      xhr.open('POST', `${refused}/e/`, false);
      return { sent: syncAttempt(() => xhr.send('{"event":"x"}')), log, status: xhr.status };
    },
    'xhr async string': () => runXhr('POST', '/echo', 'data=eyJldmVudCI6IngifQ%3D%3D', (xhr) => xhr.setRequestHeader('content-type', 'application/x-www-form-urlencoded')),
    'xhr async download progress': () => runXhr('GET', '/drip', null),
    'xhr async Blob': () => runXhr('POST', '/e/', new Blob([gzipLike()], { type: 'text/plain' })),
    'xhr async ArrayBuffer': () => runXhr('POST', '/echo', bytes(100).buffer),
    'xhr async FormData': () => {
      const form = new FormData();
      form.append('data', 'x');
      return runXhr('POST', '/echo?form', form);
    },
    'xhr async URLSearchParams': () => runXhr('POST', '/echo', new URLSearchParams({ data: 'abc' })),
    'xhr async Document': () => runXhr('POST', '/echo', document.implementation.createHTMLDocument('doc')),
    // Aborted (timed out) in flight once the headers are in: the server has the request and the
    // upload events have fired. After a timer instead, the events would race Chromium's upload
    // progress (sent at most every 50 ms) on a busy machine.
    'xhr abort': () =>
      runXhr('POST', '/hold', 'x', (xhr) => {
        xhr.addEventListener('readystatechange', () => xhr.readyState === 2 && xhr.abort());
      }),
    'xhr timeout': () =>
      runXhr('POST', '/hold', 'x', (xhr) => {
        xhr.timeout = 750; // the headers come at once, the body after 1.5 s
      }),
    'xhr error': () => runXhr('POST', `${refused}/e/`, '{"event":"x"}'),
    'xhr reset': () => runXhr('POST', '/reset', 'x'),
    'xhr arraybuffer response': () =>
      runXhr('GET', '/echo', null, (xhr) => {
        xhr.responseType = 'arraybuffer';
      }),
    'xhr send twice': () => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/echo');
      xhr.send('a');
      const second = syncAttempt(() => xhr.send('b'));
      xhr.abort();
      return second;
    },
    'xhr send before open': () => syncAttempt(() => new XMLHttpRequest().send('x')),
    'xhr header before open': () => syncAttempt(() => new XMLHttpRequest().setRequestHeader('a', 'b')),
    'xhr bad method': () => syncAttempt(() => new XMLHttpRequest().open('BAD METHOD', '/echo')),
    'xhr bad URL': () => syncAttempt(() => new XMLHttpRequest().open('POST', 'http://[')),
    'xhr reopened': () =>
      runXhr('POST', '/echo', 'second', (xhr) => {
        xhr.open('PUT', '/echo?again=1');
      }),
    'xhr functions': () => ({
      open: describeFunction(XMLHttpRequest.prototype.open, XMLHttpRequest.prototype, 'open'),
      send: describeFunction(XMLHttpRequest.prototype.send, XMLHttpRequest.prototype, 'send'),
      setRequestHeader: describeFunction(XMLHttpRequest.prototype.setRequestHeader, XMLHttpRequest.prototype, 'setRequestHeader'),
      wrongThis: syncAttempt(() => XMLHttpRequest.prototype.send.call({})),
    }),
  });

  // sendBeacon.
  Object.assign(cases, {
    'beacon string': () => navigator.sendBeacon('/e/?b=string', '{"event":"beacon"}'),
    'beacon Blob': () => navigator.sendBeacon('/e/?b=blob', new Blob([gzipLike()], { type: 'text/plain' })),
    'beacon typed Blob form': () => navigator.sendBeacon('/e/?b=form', new Blob(['data=abc'], { type: 'application/x-www-form-urlencoded' })),
    'beacon ArrayBuffer': () => navigator.sendBeacon('/e/?b=buffer', bytes(20).buffer),
    'beacon typed array': () => navigator.sendBeacon('/e/?b=view', bytes(20).subarray(5, 10)),
    'beacon URLSearchParams': () => navigator.sendBeacon('/e/?b=params', new URLSearchParams({ data: 'abc' })),
    'beacon FormData': () => {
      const form = new FormData();
      form.append('data', 'abc');
      return navigator.sendBeacon('/e/?b=formdata', form);
    },
    'beacon no data': () => navigator.sendBeacon('/e/?b=none'),
    'beacon null data': () => navigator.sendBeacon('/e/?b=null', null),
    'beacon URL object': () => navigator.sendBeacon(new URL('/e/?b=url', location.href) as unknown as string, 'u'),
    'beacon oversized': () => navigator.sendBeacon('/e/?b=big', new Blob([bytes(70_000)])),
    'beacon oversized string': () => navigator.sendBeacon('/e/?b=bigstring', 'x'.repeat(70_000)),
    'beacon bad URL': () => syncAttempt(() => navigator.sendBeacon('http://[', 'x')),
    'beacon unsupported scheme': () => syncAttempt(() => navigator.sendBeacon('ftp://127.0.0.1/e/', 'x')),
    'beacon no arguments': () => syncAttempt(() => (navigator.sendBeacon as unknown as () => boolean)()),
    'beacon wrong this': () => syncAttempt(() => navigator.sendBeacon.call({}, '/e/', 'x')),
    'beacon stream': () => syncAttempt(() => navigator.sendBeacon('/e/?b=stream', stream('x') as unknown as BodyInit)),
    'beacon function': () => ({
      fn: describeFunction(navigator.sendBeacon, Navigator.prototype, 'sendBeacon'),
      own: Object.prototype.hasOwnProperty.call(navigator, 'sendBeacon'),
      same: navigator.sendBeacon === Navigator.prototype.sendBeacon,
    }),
  });

  // The wrapped functions and constructors themselves.
  Object.assign(cases, {
    'fetch function': () => ({
      fn: describeFunction(fetch, window, 'fetch'),
      typeOf: typeof fetch,
      // Sentry's isNativeFunction check; failing it makes Sentry fetch from a fresh iframe.
      sentryNative: /^function fetch\(\)\s+\{\s+\[native code\]\s+\}$/.test(fetch.toString()),
      windowFetch: window.fetch === fetch && globalThis.fetch === fetch,
    }),
    'toString itself': () => ({
      fn: describeFunction(Function.prototype.toString, Function.prototype, 'toString'),
      ofSelf: Function.prototype.toString.toString(),
      userFunction: function named(a: number) {
        return a;
      }.toString(),
      arrow: ((a: number) => a).toString(),
      klass: class K {}.toString(),
      bound: function named() {}.bind(null).toString(),
      onObject: syncAttempt(() => Function.prototype.toString.call({})),
      onPrimitive: syncAttempt(() => Function.prototype.toString.call(1)),
      proxyOfUser: Function.prototype.toString.call(new Proxy(function user() {}, {})),
    }),
    'Blob identity': () => {
      const blob = new Blob(['x']);
      class Sub extends Blob {
        extra = 1;
      }
      const sub = new Sub(['abc']);
      return {
        fn: describeFunction(Blob, window, 'Blob'),
        instance: blob instanceof Blob,
        constructor: blob.constructor === Blob,
        protoConstructor: Blob.prototype.constructor === Blob,
        protoDescriptor: Object.getOwnPropertyDescriptor(Blob.prototype, 'constructor')!.enumerable,
        proto: Object.getPrototypeOf(blob) === Blob.prototype,
        file: Object.getPrototypeOf(File) === Blob,
        fileInstance: new File(['x'], 'x') instanceof Blob,
        fileProto: Object.getPrototypeOf(File.prototype) === Blob.prototype,
        sub: [sub instanceof Sub, sub instanceof Blob, sub.extra, sub.size, sub.constructor === Sub],
        withoutNew: syncAttempt(() => (Blob as unknown as () => Blob)()),
        notIterable: syncAttempt(() => new Blob('abc' as unknown as BlobPart[])),
        arrayLike: syncAttempt(() => new Blob({ length: 1, 0: 'a' } as unknown as BlobPart[])),
        badOptions: syncAttempt(() => new Blob([], 5 as unknown as BlobPropertyBag)),
        badEndings: syncAttempt(() => new Blob([], { endings: 'weird' as 'native' })),
        objectParts: new Blob([1 as unknown as BlobPart, {} as BlobPart, null as unknown as BlobPart]).size,
        setParts: new Blob(new Set(['ab', 'c']) as unknown as BlobPart[]).size,
        generatorParts: new Blob(
          (function* () {
            yield 'gen';
          })() as unknown as BlobPart[],
        ).size,
        type: new Blob([], { type: 'Text/Plain' }).type,
      };
    },
    'Blob contents': async () => ({
      mixed: await new Blob(['a', bytes(3), new Blob(['b']), 'é']).text(),
      endings: Array.from(new Uint8Array(await new Blob(['a\r\nb\n'], { endings: 'native' }).arrayBuffer())),
      detached: await attempt(async () => {
        const buffer = new ArrayBuffer(8);
        structuredClone(buffer, { transfer: [buffer] });
        return new Blob([buffer]).size;
      }),
    }),
  });

  const hostileCases: Record<string, Case> = {};
  if (hostile) {
    Object.assign(hostileCases, {
      'page-modified Headers.get throws': async () => {
        const original = Headers.prototype.get;
        Headers.prototype.get = () => {
          throw new Error('page broke Headers.get');
        };
        try {
          return {
            init: await attempt(() => post('{"event":"x"}', { headers: { 'content-type': 'application/json' } })),
            request: await attempt(() => fetch(new Request('/e/', { method: 'POST', body: '{"event":"r"}' })).then((r) => r.status)),
          };
        } finally {
          Headers.prototype.get = original;
        }
      },
      'page-replaced Headers constructor': async () => {
        const original = window.Headers;
        window.Headers = function () {
          throw new Error('page broke Headers');
        } as unknown as typeof Headers;
        try {
          return await attempt(() => fetch('/e/', { method: 'POST', body: '{"event":"x"}', headers: { 'content-type': 'application/json' } }).then((r) => r.status));
        } finally {
          window.Headers = original;
        }
      },
      'throwing body getter': async () => {
        let reads = 0;
        const result = await attempt(() =>
          fetch('/e/', {
            method: 'POST',
            get body(): BodyInit {
              reads++;
              throw new Error('body getter');
            },
          }),
        );
        return { result, reads };
      },
      'getters on init run once': async () => {
        const reads: string[] = [];
        const init = {
          get method() {
            reads.push('method');
            return 'POST';
          },
          get body() {
            reads.push('body');
            return '{"event":"x"}';
          },
          get headers() {
            reads.push('headers');
            return { 'content-type': 'application/json' };
          },
          get signal() {
            reads.push('signal');
            return undefined;
          },
        };
        const response = await fetch('/echo', init).then(describeResponse);
        return { reads, response };
      },
      'inherited init members': () => fetch('/echo', Object.create({ method: 'POST', body: 'inherited' })).then(describeResponse),
      'URL-like object stringified once': async () => {
        let calls = 0;
        const target = { toString: () => (calls++, '/e/?like=1') };
        const response = await fetch(target as unknown as string, { method: 'POST', body: '{"event":"x"}' });
        return { calls, status: response.status };
      },
      'XHR open arguments stringified once': () => {
        let calls = 0;
        const method = { toString: () => (calls++, 'POST') };
        const xhr = new XMLHttpRequest();
        xhr.open(method as unknown as string, { toString: () => (calls++, '/e/') } as unknown as string, false);
        xhr.send('{"event":"x"}');
        return { calls, status: xhr.status };
      },
      'URLSearchParams toString not called': async () => {
        const original = URLSearchParams.prototype.toString;
        let calls = 0;
        URLSearchParams.prototype.toString = function () {
          calls++;
          return original.call(this);
        };
        try {
          const params = new URLSearchParams({ data: 'abc' });
          const response = await post(params);
          const beacon = navigator.sendBeacon('/e/?b=p', params);
          const blob = await new Blob([params as unknown as string]).text();
          return { calls, response, beacon, blob };
        } finally {
          URLSearchParams.prototype.toString = original;
        }
      },
      'FormData forEach not called': async () => {
        const original = FormData.prototype.forEach;
        let calls = 0;
        FormData.prototype.forEach = function (...args: Parameters<FormData['forEach']>) {
          calls++;
          return original.apply(this, args);
        };
        try {
          const form = new FormData();
          form.append('data', 'x');
          await post(form, {}, '/echo?form');
          return { calls };
        } finally {
          FormData.prototype.forEach = original;
        }
      },
      'page-replaced dispatchEvent and CustomEvent': async () => {
        const originalDispatch = EventTarget.prototype.dispatchEvent;
        const originalCustomEvent = window.CustomEvent;
        let dispatched = 0;
        let constructed = 0;
        EventTarget.prototype.dispatchEvent = function (event) {
          dispatched++;
          return originalDispatch.call(this, event);
        };
        window.CustomEvent = function (...args: ConstructorParameters<typeof CustomEvent>) {
          constructed++;
          return new originalCustomEvent(...args);
        } as unknown as typeof CustomEvent;
        try {
          const beacon = navigator.sendBeacon('/e/?b=d', '{"event":"x"}');
          const response = await fetch('/e/', { method: 'POST', body: '{"event":"x"}' });
          return { beacon, status: response.status, dispatched, constructed };
        } finally {
          EventTarget.prototype.dispatchEvent = originalDispatch;
          window.CustomEvent = originalCustomEvent;
        }
      },
      'page-modified JSON and Array iteration': async () => {
        const originalStringify = JSON.stringify;
        const originalIterator = Array.prototype[Symbol.iterator];
        let stringified = 0;
        let iterated = 0;
        JSON.stringify = ((...args: [unknown]) => (stringified++, originalStringify(...args))) as typeof JSON.stringify;
        Array.prototype[Symbol.iterator] = function () {
          iterated++;
          return originalIterator.call(this);
        };
        try {
          const blob = new Blob(['{"event":"x"}']);
          iterated = 0;
          const beacon = navigator.sendBeacon('/e/?b=j', blob);
          const response = await fetch('/e/', { method: 'POST', body: blob });
          return { beacon, status: response.status, stringified, iterated };
        } finally {
          JSON.stringify = originalStringify;
          Array.prototype[Symbol.iterator] = originalIterator;
        }
      },
      'page wraps fetch after load': async () => {
        const previous = window.fetch;
        const calls: string[] = [];
        window.fetch = function (this: unknown, ...args: Parameters<typeof fetch>) {
          calls.push(String(args[0]));
          return previous.apply(this, args);
        };
        try {
          const response = await fetch('/e/', { method: 'POST', body: '{"event":"x"}' });
          return { calls, status: response.status };
        } finally {
          window.fetch = previous;
        }
      },
    });
  }

  const outcomes: Outcomes = {};
  for (const [name, run] of Object.entries(hostile ? hostileCases : cases)) {
    outcomes[name] = await attempt(run);
  }
  return outcomes;
}
