/**
 * Test-only control endpoints under `/_standin/` (no auth): drive the subscription clock, inspect
 * and resend webhook events, reset state. Responses are JSON; errors use Stripe's error envelope.
 */
import type { Billing } from './billing.js';
import { idOf } from './billing.js';
import { ApiError, invalidRequest, noSuch } from './errors.js';
import { clone } from './objects.js';
import type { Store } from './state.js';
import type { EventRecord, Subscription } from './types.js';
import type { WebhookDispatcher } from './webhooks.js';

export interface ControlContext {
  store: Store;
  billing: Billing;
  hooks: WebhookDispatcher;
  /** Clears server-level caches (idempotency keys) on reset. */
  onReset: () => void;
}

export interface ControlResult {
  status: number;
  body: unknown;
}

function summarize(record: EventRecord) {
  const last = record.deliveries.at(-1);
  return {
    id: record.event.id,
    type: record.event.type,
    created: record.event.created,
    object_id: record.event.data.object.id,
    status: record.status,
    attempts: record.deliveries.length,
    last_response_status: last?.status ?? null,
    deliveries: record.deliveries,
    event: record.event,
  };
}

function getSubscription(store: Store, id: string): Subscription {
  const sub = store.subscriptions.get(id);
  if (!sub) throw noSuch('subscription', id);
  return sub;
}

function parseUrlBody(body: string): string | null {
  let value: unknown;
  try {
    value = body.trim().startsWith('{')
      ? (JSON.parse(body) as { url?: unknown }).url
      : new URLSearchParams(body).get('url');
  } catch {
    throw invalidRequest(
      'Body must be JSON like {"url": "http://127.0.0.1:3000/api/stripe/webhook"}.',
    );
  }
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string') throw invalidRequest('url must be a string or null.', 'url');
  try {
    const u = new URL(value);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw invalidRequest('Not a valid URL', 'url', 'url_invalid');
  }
  return value;
}

export async function handleControl(
  ctx: ControlContext,
  method: string,
  path: string,
  query: URLSearchParams,
  body: string,
): Promise<ControlResult> {
  const { store, billing, hooks } = ctx;
  const route = `${method} ${path}`;
  let m: RegExpExecArray | null;

  if (route === 'GET /_standin/health') {
    return { status: 200, body: { ok: true, test_mode: true, webhook_url: hooks.url || null } };
  }

  if (
    (m = /^POST \/_standin\/subscriptions\/([^/]+)\/(end-period|fail-renewal|delete)$/.exec(route))
  ) {
    const sub = getSubscription(store, decodeURIComponent(m[1] ?? ''));
    let result: string;
    if (m[2] === 'end-period') result = billing.endPeriod(sub);
    else if (m[2] === 'fail-renewal') result = billing.failRenewal(sub);
    else {
      billing.cancelNow(sub);
      result = 'canceled';
    }
    return { status: 200, body: { result, subscription: clone(sub) } };
  }

  if ((m = /^GET \/_standin\/customers\/([^/]+)\/subscriptions$/.exec(route))) {
    const id = decodeURIComponent(m[1] ?? '');
    if (!store.customers.has(id)) throw noSuch('customer', id);
    // A plain JSON array of full subscription objects (all statuses, newest first).
    const data = [...store.subscriptions.values()]
      .filter((s) => idOf(s.customer) === id)
      .sort((a, b) => b.created - a.created)
      .map((s) => clone(s));
    return { status: 200, body: data };
  }

  if (route === 'GET /_standin/events') {
    // A plain JSON array (oldest first), optionally filtered by ?type= and ?status=.
    const type = query.get('type');
    const status = query.get('status');
    const data = store.events
      .filter(
        (r) => (type === null || r.event.type === type) && (status === null || r.status === status),
      )
      .map(summarize);
    return { status: 200, body: data };
  }

  if (route === 'POST /_standin/events/flush') {
    const idle = await hooks.flush(Number(query.get('timeout_ms') ?? 30_000));
    return { status: idle ? 200 : 504, body: { idle, events: store.events.map(summarize) } };
  }

  if ((m = /^POST \/_standin\/events\/([^/]+)\/resend$/.exec(route))) {
    const id = decodeURIComponent(m[1] ?? '');
    const record = store.events.find((r) => r.event.id === id);
    if (!record) throw noSuch('event', id);
    hooks.resend(record);
    return { status: 202, body: summarize(record) };
  }

  if (route === 'POST /_standin/reset') {
    hooks.reset();
    store.reset();
    ctx.onReset();
    return { status: 200, body: { ok: true } };
  }

  if (route === 'GET /_standin/webhook-url') {
    return { status: 200, body: { url: hooks.url || null } };
  }

  if (route === 'POST /_standin/webhook-url') {
    hooks.url = parseUrlBody(body) ?? '';
    return { status: 200, body: { url: hooks.url || null } };
  }

  throw new ApiError(404, {
    type: 'invalid_request_error',
    message: `Unknown stand-in control endpoint (${method}: ${path}).`,
  });
}
