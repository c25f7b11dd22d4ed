import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context, MiddlewareHandler, Next } from 'hono';
import { getPath } from 'hono/utils/url';
import { z } from 'zod';
import type { PostHogErrorBody } from './errors';
import { seededRandom } from '../core/seededRandom';

/**
 * Fault injection for end-to-end tests and benchmarks of the extension's sync engine: while a plan
 * is set, each request whose path and method match draws at most one fault from a seeded random
 * sequence. Faults before the handler (`serverError`, `rateLimit`, `unauthorized`) commit nothing;
 * faults after it (`slow`, `dropAfterCommit`, `badJson`) let the write commit and spoil the answer.
 * With no plan the middleware only checks one field and calls the app.
 */

/** In the order the draw walks them; a plan's rates add up to at most 1. */
export const FAULT_KINDS = ['serverError', 'rateLimit', 'unauthorized', 'slow', 'dropAfterCommit', 'badJson'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export const DEFAULT_FAULT_PATHS = '^/api/projects/[^/]+/actions';

const rate = z.number().min(0).max(1).default(0);

function isRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** A plan as given to `set()` or `--faults '<json>'`; every field may be left out. */
export const faultPlanSchema = z
  .strictObject({
    rates: z
      .strictObject({
        serverError: rate,
        rateLimit: rate,
        unauthorized: rate,
        slow: rate,
        dropAfterCommit: rate,
        badJson: rate,
      })
      .prefault({}),
    /** Seconds in `Retry-After` on a drawn 429, and how long its throttle window lasts. */
    retryAfterSeconds: z.number().int().min(0).max(86_400).default(1),
    /**
     * As a real throttle: from a drawn 429 until its Retry-After runs out, every matching request
     * is throttled too (with the seconds still left). `false`: each 429 is an independent draw.
     */
    storm: z.boolean().default(true),
    /** How long a `slow` answer is held after the handler ran; meant to outlast the client's timeout. */
    slowMs: z.number().int().min(0).max(600_000).default(12_000),
    /** Regular expression over the request path as sent (trailing slash kept, no query string). */
    paths: z.string().refine(isRegex, 'Not a valid regular expression.').default(DEFAULT_FAULT_PATHS),
    /** Only these methods draw faults; all when left out. */
    methods: z
      .array(z.string().transform((method) => method.toUpperCase()))
      .min(1)
      .optional(),
    /** Seed of the random sequence: the same plan and the same requests in the same order give the same faults. */
    seed: z.number().int().default(1),
  })
  .refine((plan) => FAULT_KINDS.reduce((sum, kind) => sum + plan.rates[kind], 0) <= 1 + 1e-9, {
    message: 'The rates add up to more than 1.',
    path: ['rates'],
  });

export type FaultPlanInput = z.input<typeof faultPlanSchema>;
export type FaultPlan = z.output<typeof faultPlanSchema>;

/** One matching request while a plan was set. Times are epoch milliseconds. */
export interface FaultLogEntry {
  seq: number;
  start: number;
  /** When the answer went out, the socket was dropped, or the client went away; null while in flight. */
  end: number | null;
  method: string;
  path: string;
  fault: FaultKind | null;
  /** A 429 given because a throttle window was open, not drawn (see `storm`). */
  inWindow: boolean;
  /** The handler ran, so whatever it wrote is stored (`handlerStatus` says whether it accepted the request). */
  committed: boolean;
  /** What the handler answered (null if it did not run). */
  handlerStatus: number | null;
  /** What the client got; null when dropped, when the client left first, or while in flight. */
  status: number | null;
  /** The client closed the connection before the answer (e.g. its timeout during a `slow` hold). */
  clientAborted: boolean;
  /** For 429s: the `Retry-After` seconds sent, and the epoch ms from which a retry is allowed. */
  retryAfter: number | null;
  retryAt: number | null;
}

export interface FaultStats {
  /** Matching requests since the last `resetStats()` (only counted while a plan is set). */
  requests: number;
  /** By the status the client got; `none` when it got no answer. */
  byStatus: Record<string, number>;
  /** By fault drawn (window 429s count as `rateLimit`); `none` for requests left alone. */
  byFault: Partial<Record<FaultKind | 'none', number>>;
  inFlight: number;
  /** Most matching requests in flight at once since the last reset. */
  peakInFlight: number;
}

export interface FaultInjectorOptions {
  /** Entries kept in the request log (oldest dropped first). Default 10,000. */
  logLimit?: number;
}

interface ActivePlan {
  plan: FaultPlan;
  pattern: RegExp;
  random: () => number;
}

function throttledBody(seconds: number): PostHogErrorBody {
  // DRF's Throttled wording, singular for one second.
  const unit = seconds === 1 ? 'second' : 'seconds';
  return { type: 'throttled_error', code: 'throttled', detail: `Request was throttled. Expected available in ${seconds} ${unit}.`, attr: null };
}

const unauthorizedBody: PostHogErrorBody = {
  type: 'authentication_error',
  code: 'authentication_failed',
  detail: 'Personal API key found in request Authorization header is invalid.',
  attr: null,
};

const serverErrorBody: PostHogErrorBody = { type: 'server_error', code: 'error', detail: 'A server error occurred.', attr: null };

/** What a proxy in front of the app answers when the app is gone or overloaded. */
function proxyPage(status: 502 | 503): string {
  const title = status === 502 ? '502 Bad Gateway' : '503 Service Temporarily Unavailable';
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** Wrong shapes a client must refuse rather than take for the resource. */
const BAD_JSON_SHAPES: readonly unknown[] = [{ detail: 'ok' }, []];

/** Waits `ms`, or less if `signal` aborts; resolves true when it ran the full time. */
function hold(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (full: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(full);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), ms);
    signal.addEventListener('abort', onAbort);
  });
}

function emptyStats(inFlight: number): FaultStats {
  return { requests: 0, byStatus: {}, byFault: {}, inFlight, peakInFlight: inFlight };
}

export class FaultInjector {
  readonly #logLimit: number;
  #active: ActivePlan | null = null;
  /** Epoch ms until which the current throttle window lasts (0: none). */
  #throttledUntil = 0;
  #stats: FaultStats = emptyStats(0);
  #log: FaultLogEntry[] = [];
  #seq = 0;
  readonly #watchers = new Set<(entry: FaultLogEntry) => void>();

  constructor(options: FaultInjectorOptions = {}) {
    this.#logLimit = options.logLimit ?? 10_000;
  }

  /** Switches faults on with this plan (throws on a bad one); restarts the seeded sequence and closes any throttle window. */
  set(plan: FaultPlanInput): FaultPlan {
    const parsed = faultPlanSchema.parse(plan);
    this.#active = { plan: parsed, pattern: new RegExp(parsed.paths), random: seededRandom(parsed.seed) };
    this.#throttledUntil = 0;
    return parsed;
  }

  /** Switches faults off; stats and log stay until `resetStats()`. Requests in flight finish as drawn. */
  clear(): void {
    this.#active = null;
    this.#throttledUntil = 0;
  }

  /** The plan in force, with defaults filled in, or null. */
  get plan(): FaultPlan | null {
    return this.#active?.plan ?? null;
  }

  stats(): FaultStats {
    const { byStatus, byFault, ...counts } = this.#stats;
    return { ...counts, byStatus: { ...byStatus }, byFault: { ...byFault } };
  }

  /** Copies of the last `logLimit` entries, oldest first. */
  log(): FaultLogEntry[] {
    return this.#log.map((entry) => ({ ...entry }));
  }

  /** Calls `listener` with each matching request's entry once it has ended; returns the unsubscribe. */
  watch(listener: (entry: FaultLogEntry) => void): () => void {
    this.#watchers.add(listener);
    return () => this.#watchers.delete(listener);
  }

  /** Zeroes the counts, empties the log, and starts the peak again from the requests now in flight. */
  resetStats(): void {
    this.#stats = emptyStats(this.#stats.inFlight);
    this.#log = [];
  }

  /** The Hono middleware; mount it after CORS so preflights pass untouched and faults carry CORS headers. */
  middleware(): MiddlewareHandler {
    return async (c, next) => {
      const active = this.#active;
      if (!active) return next();
      const { plan, pattern } = active;
      // The path as sent (`c.req.path` drops a trailing slash in a non-strict app).
      const path = getPath(c.req.raw);
      if (!pattern.test(path) || (plan.methods && !plan.methods.includes(c.req.method))) return next();

      const entry = this.#begin(c.req.method, path);
      let status = 500;
      try {
        const response = await this.#run(c, next, active, entry);
        // A response returned here becomes `c.res` only after this middleware returns.
        status = (response ?? c.res).status;
        return response;
      } finally {
        this.#finish(entry, status);
      }
    };
  }

  #begin(method: string, path: string): FaultLogEntry {
    const entry: FaultLogEntry = {
      seq: ++this.#seq,
      start: Date.now(),
      end: null,
      method,
      path,
      fault: null,
      inWindow: false,
      committed: false,
      handlerStatus: null,
      status: null,
      clientAborted: false,
      retryAfter: null,
      retryAt: null,
    };
    const stats = this.#stats;
    stats.requests += 1;
    stats.inFlight += 1;
    stats.peakInFlight = Math.max(stats.peakInFlight, stats.inFlight);
    this.#log.push(entry);
    if (this.#log.length > this.#logLimit) this.#log.splice(0, this.#log.length - this.#logLimit);
    return entry;
  }

  #finish(entry: FaultLogEntry, status: number): void {
    entry.end = Date.now();
    const answered = entry.fault !== 'dropAfterCommit' && !entry.clientAborted;
    if (answered) entry.status = status;
    // Stats may have been reset while this request was in flight: the request still leaves.
    const stats = this.#stats;
    stats.inFlight = Math.max(0, stats.inFlight - 1);
    const statusKey = entry.status === null ? 'none' : String(entry.status);
    stats.byStatus[statusKey] = (stats.byStatus[statusKey] ?? 0) + 1;
    const fault = entry.fault ?? 'none';
    stats.byFault[fault] = (stats.byFault[fault] ?? 0) + 1;
    for (const watcher of this.#watchers) watcher({ ...entry });
  }

  #draw(active: ActivePlan): FaultKind | null {
    const roll = active.random();
    let upTo = 0;
    for (const kind of FAULT_KINDS) {
      upTo += active.plan.rates[kind];
      if (roll < upTo) return kind;
    }
    return null;
  }

  async #run(c: Context, next: Next, active: ActivePlan, entry: FaultLogEntry): Promise<Response | void> {
    const { plan } = active;
    const now = Date.now();
    if (plan.storm && now < this.#throttledUntil) {
      entry.fault = 'rateLimit';
      entry.inWindow = true;
      return this.#throttle(c, entry, Math.ceil((this.#throttledUntil - now) / 1000), this.#throttledUntil);
    }

    const fault = this.#draw(active);
    entry.fault = fault;
    switch (fault) {
      case 'serverError': {
        const status = ([500, 502, 503] as const)[Math.floor(active.random() * 3)] ?? 500;
        if (status === 500) return c.json(serverErrorBody, 500);
        return c.body(proxyPage(status), status, { 'content-type': 'text/html' });
      }
      case 'rateLimit': {
        const retryAt = now + plan.retryAfterSeconds * 1000;
        if (plan.storm) this.#throttledUntil = retryAt;
        return this.#throttle(c, entry, plan.retryAfterSeconds, retryAt);
      }
      case 'unauthorized':
        return c.json(unauthorizedBody, 401);
    }

    // No fault, or one that lets the handler run (and commit) and then spoils the answer.
    await next();
    entry.committed = true;
    entry.handlerStatus = c.res.status;
    switch (fault) {
      case 'slow':
        if (!(await hold(plan.slowMs, c.req.raw.signal))) entry.clientAborted = true;
        return;
      case 'dropAfterCommit': {
        const socket = (c.env as Partial<HttpBindings> | undefined)?.incoming?.socket;
        if (!socket) throw new Error('dropAfterCommit needs the Node server (no socket on this request).');
        socket.destroy();
        // Tells @hono/node-server the answer is taken care of: it writes nothing.
        c.res = RESPONSE_ALREADY_SENT;
        return;
      }
      case 'badJson': {
        const shape = BAD_JSON_SHAPES[Math.floor(active.random() * BAD_JSON_SHAPES.length)];
        // Setting `c.res` keeps the handler's other headers (CORS) but not its content type.
        c.res = new Response(JSON.stringify(shape), { status: 200, headers: { 'content-type': 'application/json' } });
        c.res.headers.delete('content-length');
        return;
      }
    }
  }

  #throttle(c: Context, entry: FaultLogEntry, seconds: number, retryAt: number): Response {
    entry.retryAfter = seconds;
    entry.retryAt = retryAt;
    return c.json(throttledBody(seconds), 429, { 'Retry-After': String(seconds) });
  }
}
