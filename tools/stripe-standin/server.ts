/**
 * Local Stripe stand-in for tests and offline development. NEVER for production.
 *
 * Speaks the subset of Stripe's v1 REST API the app uses (form-encoded requests, Stripe object
 * shapes for the SDK's pinned API version, Stripe's error envelope), serves hosted Checkout /
 * Customer Portal / invoice pages, and delivers webhooks signed exactly like Stripe's.
 *
 *   tsx tools/stripe-standin/server.ts          # env: see main() below; defaults in defaults.ts
 *   new Stripe(STANDIN_SECRET_KEY, { host: '127.0.0.1', port: STANDIN_DEFAULT_PORT, protocol: 'http' })
 */
import { realpathSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import Stripe from 'stripe';
import { handleApi } from './api.js';
import { Billing } from './billing.js';
import { handleControl } from './control.js';
import {
  SEEDED_CURRENCY,
  SEEDED_PRICE_AMOUNT,
  STANDIN_DEFAULT_PORT,
  STANDIN_WEBHOOK_SECRET,
} from './defaults.js';
import { ApiError, type StripeErrorBody } from './errors.js';
import { Params, mergeForms, parseForm } from './form.js';
import { BodyTooLargeError, readBody, sendHtml, sendJson } from './http.js';
import { newId } from './objects.js';
import {
  checkoutPage,
  checkoutSubmit,
  invoicePage,
  invoiceSubmit,
  portalPage,
  portalSubmit,
} from './pages.js';
import { Store } from './state.js';
import { WebhookDispatcher } from './webhooks.js';

export interface StripeStandinOptions {
  /** Default STANDIN_DEFAULT_PORT (12111); pass 0 for a free port. */
  port?: number;
  /** Loopback only: '127.0.0.1' (default), 'localhost' or '::1'. */
  host?: string;
  /** Base URL used in Checkout/portal/invoice links (default: the listening URL). */
  publicUrl?: string;
  /** Where webhook events are POSTed ('' disables delivery; events are still logged). */
  webhookUrl: string;
  /** Endpoint secret used to sign `Stripe-Signature` (e.g. `whsec_…`). */
  webhookSecret: string;
  /** unit_amount of the seeded price, in minor units (default SEEDED_PRICE_AMOUNT, 900). */
  priceAmount?: number;
  /** Currency of the seeded price (default SEEDED_CURRENCY, 'eur'). */
  currency?: string;
  /** Wait before each delivery (default 0). */
  webhookDelayMs?: number;
  /** Backoff between delivery attempts (default [250, 1000, 3000] = 4 attempts). */
  webhookRetryDelaysMs?: number[];
  /** Persist state to this JSON file so restarts keep customers and subscriptions. */
  stateFile?: string;
}

export interface StripeStandin {
  url: string;
  close(): Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);
const MAX_IDEMPOTENCY_KEYS = 1000;

interface CachedResponse {
  fingerprint: string;
  requestId: string;
  status: number;
  body: unknown;
}

function errorBody(err: ApiError): { error: StripeErrorBody } {
  return { error: err.body };
}

function redactKey(key: string): string {
  const prefix = /^[a-z]{2}_(test|live)_/.exec(key)?.[0] ?? '';
  return `${prefix}${'*'.repeat(Math.max(4, key.length - prefix.length - 4))}${key.slice(-4)}`;
}

/** Checks `Authorization: Bearer sk_test_…` (or Basic with the key as user name, like Stripe). */
function authenticate(req: IncomingMessage): ApiError | null {
  const header = req.headers.authorization ?? '';
  let key = '';
  if (/^Bearer\s+/i.test(header)) key = header.replace(/^Bearer\s+/i, '').trim();
  else if (/^Basic\s+/i.test(header)) {
    key =
      Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64')
        .toString('utf8')
        .split(':')[0] ?? '';
  }
  if (!key) {
    return new ApiError(401, {
      type: 'invalid_request_error',
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
    });
  }
  if (!/^(sk|rk)_test_\S+$/.test(key)) {
    return new ApiError(401, {
      type: 'invalid_request_error',
      message: `Invalid API Key provided: ${redactKey(key)} (the local Stripe stand-in accepts only test-mode keys, sk_test_…)`,
    });
  }
  return null;
}

export async function startStripeStandin(opts: StripeStandinOptions): Promise<StripeStandin> {
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host)) {
    throw new Error(`The Stripe stand-in binds to loopback only; refusing host '${host}'.`);
  }
  if (!opts.webhookSecret) throw new Error('webhookSecret is required (e.g. whsec_…).');

  const store = new Store({
    priceAmount: opts.priceAmount ?? SEEDED_PRICE_AMOUNT,
    currency: (opts.currency ?? SEEDED_CURRENCY).toLowerCase(),
    stateFile: opts.stateFile,
  });
  const hooks = new WebhookDispatcher({
    store,
    url: opts.webhookUrl,
    secret: opts.webhookSecret,
    delayMs: opts.webhookDelayMs ?? 0,
    retryDelaysMs: opts.webhookRetryDelaysMs ?? [250, 1000, 3000],
    timeoutMs: 30_000,
  });
  let publicUrl = opts.publicUrl?.replace(/\/+$/, '') ?? '';
  const getPublicUrl = (): string => publicUrl;
  const billing = new Billing(store, hooks, getPublicUrl);
  const idempotency = new Map<string, CachedResponse>();
  const ctx = {
    store,
    billing,
    hooks,
    publicUrl: getPublicUrl,
    onReset: () => idempotency.clear(),
  };

  async function handleV1(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const requestId = newId('req', 14);
    const headers: Record<string, string> = {
      'Request-Id': requestId,
      'Stripe-Version': Stripe.API_VERSION,
    };
    const method = req.method ?? 'GET';
    const authError = authenticate(req);
    if (authError) {
      req.resume();
      return sendJson(res, 401, errorBody(authError), {
        ...headers,
        'WWW-Authenticate': 'Bearer realm="Stripe"',
      });
    }
    const body = method === 'POST' ? await readBody(req) : (req.resume(), '');
    if (method === 'POST' && /json/i.test(req.headers['content-type'] ?? '')) {
      const err = new ApiError(400, {
        type: 'invalid_request_error',
        message: 'Stripe v1 endpoints take application/x-www-form-urlencoded bodies, not JSON.',
      });
      return sendJson(res, 400, errorBody(err), headers);
    }

    const keyHeader = req.headers['idempotency-key'];
    const idempotencyKey = method === 'POST' && typeof keyHeader === 'string' ? keyHeader : null;
    if (idempotencyKey) {
      headers['Idempotency-Key'] = idempotencyKey;
      const cached = idempotency.get(idempotencyKey);
      const fingerprint = `${method} ${url.pathname}?${url.search}\n${body}`;
      if (cached && cached.fingerprint !== fingerprint) {
        const err = new ApiError(400, {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
        });
        return sendJson(res, 400, errorBody(err), headers);
      }
      if (cached) {
        return sendJson(res, cached.status, cached.body, {
          ...headers,
          'Idempotent-Replayed': 'true',
          'Original-Request': cached.requestId,
        });
      }
    }

    let status: number;
    let responseBody: unknown;
    try {
      const params = new Params(mergeForms(parseForm(url.search.slice(1)), parseForm(body)));
      const result = handleApi(ctx, {
        method,
        path: url.pathname,
        params,
        request: { id: requestId, idempotency_key: idempotencyKey },
      });
      status = result.status;
      responseBody = result.body;
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      status = err.status;
      responseBody = errorBody(err);
    }
    if (idempotencyKey && status < 500) {
      if (idempotency.size >= MAX_IDEMPOTENCY_KEYS) {
        const oldest = idempotency.keys().next().value;
        if (oldest !== undefined) idempotency.delete(oldest);
      }
      idempotency.set(idempotencyKey, {
        fingerprint: `${method} ${url.pathname}?${url.search}\n${body}`,
        requestId,
        status,
        body: responseBody,
      });
    }
    sendJson(res, status, responseBody, headers);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://standin.invalid');
    const path = url.pathname;
    const method = req.method ?? 'GET';

    if (path.startsWith('/v1/')) return handleV1(req, res, url);

    if (path.startsWith('/_standin/')) {
      const body = method === 'POST' ? await readBody(req) : (req.resume(), '');
      try {
        const result = await handleControl(ctx, method, path, url.searchParams, body);
        return sendJson(res, result.status, result.body);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        return sendJson(res, err.status, errorBody(err));
      }
    }

    const page = /^\/(checkout|portal|invoice)\/([^/]+)$/.exec(path);
    if (page) {
      const id = decodeURIComponent(page[2] ?? '');
      if (method === 'GET' || method === 'HEAD') {
        req.resume();
        if (page[1] === 'checkout') return checkoutPage(ctx, res, id);
        if (page[1] === 'portal') return portalPage(ctx, res, id, url.searchParams);
        return invoicePage(ctx, res, id, url.searchParams);
      }
      if (method === 'POST') {
        const form = new URLSearchParams(await readBody(req));
        try {
          if (page[1] === 'checkout') return checkoutSubmit(ctx, res, id, form);
          if (page[1] === 'portal') return portalSubmit(ctx, res, id, form);
          return invoiceSubmit(ctx, res, id, form);
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          return sendHtml(
            res,
            400,
            `<!doctype html><title>Error</title><p role="alert">${err.message.replace(/[<&]/g, '')}</p>`,
          );
        }
      }
      req.resume();
      res.writeHead(405, { Allow: 'GET, POST' }).end();
      return;
    }

    req.resume();
    if (path === '/' && method === 'GET') {
      return sendJson(res, 200, {
        name: 'Sojoourn Stripe stand-in',
        test_mode: true,
        api_version: Stripe.API_VERSION,
        webhook_url: hooks.url || null,
      });
    }
    sendJson(res, 404, {
      error: {
        type: 'invalid_request_error',
        message: `Unrecognized request URL (${method}: ${path}).`,
      },
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof BodyTooLargeError) {
        if (!res.headersSent) {
          sendJson(
            res,
            413,
            { error: { type: 'invalid_request_error', message: err.message } },
            { Connection: 'close' },
          );
        }
        return;
      }
      console.error('[stripe-standin] internal error:', err);
      if (!res.headersSent) {
        sendJson(res, 500, {
          error: {
            type: 'api_error',
            message: `Stand-in internal error: ${err instanceof Error ? err.message : String(err)}`,
          },
        });
      } else {
        res.destroy();
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? STANDIN_DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo; // listening on TCP, so never a string/null
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (!publicUrl) publicUrl = url;

  let closing: Promise<void> | null = null;
  return {
    url,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await hooks.close();
        await closed;
        store.save();
      })();
      return closing;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// CLI: `tsx tools/stripe-standin/server.ts`

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a non-negative integer, got '${raw}'.`);
  return value;
}

async function main(): Promise<void> {
  const env = process.env;
  const webhookUrl = env.STANDIN_WEBHOOK_URL ?? 'http://127.0.0.1:3000/api/stripe/webhook';
  const standin = await startStripeStandin({
    port: intFromEnv('STANDIN_PORT', STANDIN_DEFAULT_PORT),
    webhookUrl,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET || STANDIN_WEBHOOK_SECRET,
    priceAmount: intFromEnv('STANDIN_PRICE_AMOUNT', SEEDED_PRICE_AMOUNT),
    currency: env.STANDIN_CURRENCY || SEEDED_CURRENCY,
    webhookDelayMs: intFromEnv('STANDIN_WEBHOOK_DELAY_MS', 0),
    ...(env.STANDIN_PUBLIC_URL ? { publicUrl: env.STANDIN_PUBLIC_URL } : {}),
    ...(env.STANDIN_STATE_FILE ? { stateFile: env.STANDIN_STATE_FILE } : {}),
  });
  console.log(
    `Stripe stand-in (TEST MODE, local only) listening on ${standin.url} (webhooks -> ${webhookUrl || 'disabled'})`,
  );
  const stop = (): void => {
    standin.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main().catch((err: unknown) => {
    console.error('[stripe-standin] failed to start:', err);
    process.exit(1);
  });
}
