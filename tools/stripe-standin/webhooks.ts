/**
 * Webhook delivery, signed the way Stripe signs (`Stripe-Signature: t=…,v1=…`, HMAC-SHA256 of
 * `${t}.${body}` with the endpoint secret) via the SDK's own `generateTestHeaderString`.
 *
 * Events are delivered one at a time in the order they were created (real Stripe does not
 * guarantee order; a deterministic order keeps tests reproducible). Each delivery is retried a few
 * times with a short backoff on network errors and non-2xx answers.
 */
import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import Stripe from 'stripe';
import { clone, newId, nowSeconds } from './objects.js';
import type { Store } from './state.js';
import type { DeliveryAttempt, EventRecord, StandinEvent, StandinEventType } from './types.js';

export interface RequestInfo {
  id: string | null;
  idempotency_key: string | null;
}

export const NO_REQUEST: RequestInfo = { id: null, idempotency_key: null };

export interface DispatcherOptions {
  store: Store;
  url: string;
  secret: string;
  delayMs: number;
  retryDelaysMs: number[];
  timeoutMs: number;
}

interface PostResult {
  status: number | null;
  ok: boolean;
  error: string | null;
  body: string | null;
}

export class WebhookDispatcher {
  url: string;
  private readonly store: Store;
  private readonly secret: string;
  private readonly delayMs: number;
  private readonly retryDelaysMs: number[];
  private readonly timeoutMs: number;
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  /** Bumped by reset(): queued deliveries from an older generation are dropped. */
  private generation = 0;
  private closed = false;
  private readonly sleepers = new Set<() => void>();
  private readonly inflight = new Set<ClientRequest>();

  constructor(opts: DispatcherOptions) {
    this.store = opts.store;
    this.url = opts.url;
    this.secret = opts.secret;
    this.delayMs = opts.delayMs;
    this.retryDelaysMs = opts.retryDelaysMs;
    this.timeoutMs = opts.timeoutMs;
  }

  /** Creates an event from a snapshot of `object` and queues its delivery. */
  emit(
    type: StandinEventType,
    object: StandinEvent['data']['object'],
    opts: { previous?: Record<string, unknown>; request?: RequestInfo } = {},
  ): EventRecord {
    const data: StandinEvent['data'] = { object: clone(object) };
    if (opts.previous && Object.keys(opts.previous).length > 0) {
      data.previous_attributes = clone(opts.previous);
    }
    const event: StandinEvent = {
      id: newId('evt', 24),
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: nowSeconds(),
      data,
      livemode: false,
      pending_webhooks: 1,
      request: opts.request ?? NO_REQUEST,
      type,
    };
    // Stripe sends pretty-printed JSON; receivers must verify the raw bytes, not a re-serialization.
    const payload = JSON.stringify(event, null, 2);
    const record: EventRecord = { event, payload, status: 'pending', deliveries: [] };
    this.store.addEvent(record);
    this.enqueue(record, false);
    return record;
  }

  /** Sends the same event (same id and body) again, freshly signed. */
  resend(record: EventRecord): void {
    record.status = 'pending';
    this.enqueue(record, true);
  }

  /** Resolves once every queued delivery has finished (or `timeoutMs` passed). */
  async flush(timeoutMs = 30_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending > 0 && Date.now() < deadline) {
      await Promise.race([this.queue, delay(Math.max(0, deadline - Date.now()))]);
    }
    return this.pending === 0;
  }

  reset(): void {
    this.generation++;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const wake of this.sleepers) wake();
    for (const req of this.inflight) req.destroy(new Error('stand-in shutting down'));
    await this.queue;
  }

  private enqueue(record: EventRecord, resend: boolean): void {
    const generation = this.generation;
    const dueAt = Date.now() + this.delayMs;
    this.pending++;
    this.queue = this.queue
      .then(() => this.deliver(record, resend, generation, dueAt))
      .catch((err: unknown) => console.error('[stripe-standin] webhook delivery crashed:', err))
      .finally(() => {
        this.pending--;
      });
  }

  private async deliver(
    record: EventRecord,
    resend: boolean,
    generation: number,
    dueAt: number,
  ): Promise<void> {
    await this.sleep(dueAt - Date.now());
    for (let attempt = 1; ; attempt++) {
      if (this.closed || generation !== this.generation) return;
      const url = this.url;
      if (!url) {
        record.status = 'skipped';
        this.store.save();
        return;
      }
      const started = Date.now();
      const result = await this.post(url, record.payload);
      const entry: DeliveryAttempt = {
        attempt,
        resend,
        url,
        started_at: new Date(started).toISOString(),
        duration_ms: Date.now() - started,
        status: result.status,
        ok: result.ok,
        error: result.error,
        response_body: result.body,
      };
      record.deliveries.push(entry);
      if (result.ok) {
        record.status = 'delivered';
        this.store.save();
        return;
      }
      const wait = this.retryDelaysMs[attempt - 1];
      if (wait === undefined || this.closed) {
        record.status = 'failed';
        this.store.save();
        if (!this.closed) {
          console.warn(
            `[stripe-standin] webhook ${record.event.id} (${record.event.type}) to ${url} failed after ${attempt} attempt(s): ${result.error ?? `HTTP ${result.status}`}`,
          );
        }
        return;
      }
      await this.sleep(wait);
    }
  }

  private post(url: string, payload: string): Promise<PostResult> {
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: this.secret });
    return new Promise((resolve) => {
      let target: URL;
      try {
        target = new URL(url);
      } catch {
        resolve({ status: null, ok: false, error: `invalid webhook URL: ${url}`, body: null });
        return;
      }
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(
        target,
        {
          method: 'POST',
          agent: false, // a fresh connection per delivery: nothing lingers after close()
          timeout: this.timeoutMs,
          headers: {
            'Content-Type': 'application/json; charset=utf-8',
            'Content-Length': Buffer.byteLength(payload),
            'Stripe-Signature': signature,
            'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
            Accept: '*/*; q=0.5, application/xml',
            'Cache-Control': 'no-cache',
          },
        },
        (res) => {
          const status = res.statusCode ?? 0;
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (body.length < 500) body += chunk;
          });
          res.on('end', () => {
            this.inflight.delete(req);
            const ok = status >= 200 && status < 300;
            resolve({ status, ok, error: ok ? null : `HTTP ${status}`, body: body.slice(0, 500) });
          });
          res.on('error', (err) => {
            this.inflight.delete(req);
            resolve({ status, ok: false, error: err.message, body: null });
          });
        },
      );
      this.inflight.add(req);
      req.on('timeout', () => req.destroy(new Error(`timed out after ${this.timeoutMs} ms`)));
      req.on('error', (err) => {
        this.inflight.delete(req);
        resolve({ status: null, ok: false, error: err.message, body: null });
      });
      req.end(payload);
    });
  }

  /** setTimeout that close() can cut short. */
  private sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
