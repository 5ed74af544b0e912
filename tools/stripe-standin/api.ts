/**
 * The `/v1` REST subset the app uses. Parameters are checked against the SDK's own parameter
 * types: every parameter this API version knows is classified below (the `Record<keyof …>` makes
 * the compiler insist on it), unknown ones get Stripe's "Received unknown parameter" error, and
 * real-but-unmodelled ones fail loudly instead of being silently ignored.
 */
import type Stripe from 'stripe';
import { type Billing, applyCancelAtPeriodEnd, refreshSessionExpiry } from './billing.js';
import { ApiError, invalidRequest, noSuch, notSupported, unknownParameter } from './errors.js';
import { expand } from './expand.js';
import { type Params, applyMetadata } from './form.js';
import {
  buildCheckoutLineItem,
  buildCheckoutSession,
  buildCustomer,
  buildPortalSession,
  clone,
  newId,
  nowSeconds,
  productIdOf,
} from './objects.js';
import type { Store } from './state.js';
import type { CheckoutSession, Metadata, Subscription } from './types.js';
import type { RequestInfo } from './webhooks.js';

export interface ApiContext {
  store: Store;
  billing: Billing;
  publicUrl: () => string;
}

export interface ApiRequest {
  method: string;
  path: string;
  params: Params;
  request: RequestInfo;
}

export interface ApiResult {
  status: number;
  body: unknown;
}

// ---------------------------------------------------------------------------------------------
// Parameter policies

/** use: implemented; ignore: accepted, no observable effect here; unsupported: 400. */
type Policy = 'use' | 'ignore' | 'unsupported';
type Policies<T> = Record<keyof T, Policy>;

const PAGINATION = { ending_before: 'use', limit: 'use', starting_after: 'use' } as const;

const RETRIEVE: Policies<Stripe.CustomerRetrieveParams> = { expand: 'use' };

const CHECKOUT_CREATE: Policies<Stripe.Checkout.SessionCreateParams> = {
  adaptive_pricing: 'ignore',
  after_expiration: 'ignore',
  allow_promotion_codes: 'use',
  allowed_payment_method_types: 'ignore',
  automatic_tax: 'ignore',
  billing_address_collection: 'use',
  branding_settings: 'ignore',
  cancel_url: 'use',
  client_reference_id: 'use',
  consent_collection: 'ignore',
  currency: 'ignore',
  custom_fields: 'unsupported',
  custom_text: 'ignore',
  customer: 'use',
  customer_account: 'unsupported',
  customer_creation: 'unsupported',
  customer_email: 'use',
  customer_update: 'ignore',
  discounts: 'unsupported',
  excluded_payment_method_types: 'ignore',
  expand: 'use',
  expires_at: 'use',
  integration_identifier: 'ignore',
  invoice_creation: 'unsupported',
  line_items: 'use',
  locale: 'use',
  managed_payments: 'unsupported',
  metadata: 'use',
  mode: 'use',
  name_collection: 'ignore',
  optional_items: 'unsupported',
  origin_context: 'ignore',
  payment_intent_data: 'unsupported',
  payment_method_collection: 'ignore',
  payment_method_configuration: 'ignore',
  payment_method_data: 'unsupported',
  payment_method_options: 'ignore',
  permissions: 'unsupported',
  phone_number_collection: 'ignore',
  redirect_on_completion: 'unsupported',
  return_url: 'unsupported',
  saved_payment_method_options: 'ignore',
  setup_intent_data: 'unsupported',
  shipping_address_collection: 'unsupported',
  shipping_options: 'unsupported',
  submit_type: 'ignore',
  subscription_data: 'use',
  success_url: 'use',
  tax_id_collection: 'ignore',
  ui_mode: 'use',
  wallet_options: 'ignore',
};

const CHECKOUT_LINE_ITEM: Policies<Stripe.Checkout.SessionCreateParams.LineItem> = {
  adjustable_quantity: 'ignore',
  metadata: 'ignore',
  price: 'use',
  price_data: 'unsupported',
  quantity: 'use',
  tax_rates: 'unsupported',
};

const CHECKOUT_SUBSCRIPTION_DATA: Policies<Stripe.Checkout.SessionCreateParams.SubscriptionData> = {
  application_fee_percent: 'unsupported',
  billing_cycle_anchor: 'unsupported',
  billing_cycle_anchor_config: 'unsupported',
  billing_mode: 'ignore',
  default_tax_rates: 'unsupported',
  description: 'use',
  invoice_settings: 'ignore',
  metadata: 'use',
  on_behalf_of: 'unsupported',
  pending_invoice_item_interval: 'unsupported',
  proration_behavior: 'ignore',
  transfer_data: 'unsupported',
  trial_end: 'unsupported',
  trial_period_days: 'unsupported',
  trial_settings: 'unsupported',
};

const SUBSCRIPTION_UPDATE: Policies<Stripe.SubscriptionUpdateParams> = {
  add_invoice_items: 'unsupported',
  application_fee_percent: 'unsupported',
  automatic_tax: 'unsupported',
  billing_cycle_anchor: 'unsupported',
  billing_schedules: 'unsupported',
  billing_thresholds: 'unsupported',
  cancel_at: 'unsupported',
  cancel_at_period_end: 'use',
  cancellation_details: 'use',
  collection_method: 'unsupported',
  days_until_due: 'unsupported',
  default_payment_method: 'unsupported',
  default_source: 'unsupported',
  default_tax_rates: 'unsupported',
  description: 'use',
  discounts: 'unsupported',
  expand: 'use',
  invoice_settings: 'unsupported',
  items: 'unsupported',
  metadata: 'use',
  off_session: 'ignore',
  on_behalf_of: 'unsupported',
  pause_collection: 'unsupported',
  payment_behavior: 'ignore',
  payment_settings: 'unsupported',
  pending_invoice_item_interval: 'unsupported',
  proration_behavior: 'ignore',
  proration_date: 'ignore',
  transfer_data: 'unsupported',
  trial_end: 'unsupported',
  trial_from_plan: 'unsupported',
  trial_settings: 'unsupported',
};

const CANCELLATION_DETAILS: Policies<Stripe.SubscriptionUpdateParams.CancellationDetails> = {
  comment: 'use',
  feedback: 'use',
  feedback_option: 'ignore',
};

const SUBSCRIPTION_CANCEL: Policies<Stripe.SubscriptionCancelParams> = {
  cancellation_details: 'use',
  expand: 'use',
  invoice_now: 'ignore',
  prorate: 'ignore',
};

const SUBSCRIPTION_LIST: Policies<Stripe.SubscriptionListParams> = {
  ...PAGINATION,
  automatic_tax: 'unsupported',
  collection_method: 'unsupported',
  created: 'unsupported',
  current_period_end: 'unsupported',
  current_period_start: 'unsupported',
  customer: 'use',
  customer_account: 'unsupported',
  expand: 'use',
  plan: 'use',
  price: 'use',
  status: 'use',
  test_clock: 'unsupported',
};

const CUSTOMER_CREATE: Policies<Stripe.CustomerCreateParams> = {
  address: 'unsupported',
  balance: 'unsupported',
  business_name: 'unsupported',
  cash_balance: 'unsupported',
  description: 'use',
  email: 'use',
  expand: 'use',
  individual_name: 'unsupported',
  invoice_prefix: 'unsupported',
  invoice_settings: 'unsupported',
  metadata: 'use',
  name: 'use',
  next_invoice_sequence: 'unsupported',
  payment_method: 'unsupported',
  phone: 'use',
  preferred_locales: 'use',
  shipping: 'unsupported',
  source: 'unsupported',
  tax: 'ignore',
  tax_exempt: 'unsupported',
  tax_id_data: 'unsupported',
  test_clock: 'unsupported',
  validate: 'ignore',
};

const CUSTOMER_UPDATE: Policies<Stripe.CustomerUpdateParams> = {
  address: 'unsupported',
  balance: 'unsupported',
  business_name: 'unsupported',
  cash_balance: 'unsupported',
  default_source: 'unsupported',
  description: 'use',
  email: 'use',
  expand: 'use',
  individual_name: 'unsupported',
  invoice_prefix: 'unsupported',
  invoice_settings: 'unsupported',
  metadata: 'use',
  name: 'use',
  next_invoice_sequence: 'unsupported',
  phone: 'use',
  preferred_locales: 'use',
  shipping: 'unsupported',
  source: 'unsupported',
  tax: 'ignore',
  tax_exempt: 'unsupported',
  validate: 'ignore',
};

const CUSTOMER_LIST: Policies<Stripe.CustomerListParams> = {
  ...PAGINATION,
  created: 'unsupported',
  email: 'use',
  expand: 'use',
  test_clock: 'unsupported',
};

const PORTAL_CREATE: Policies<Stripe.BillingPortal.SessionCreateParams> = {
  after_expiration: 'ignore',
  configuration: 'ignore',
  customer: 'use',
  customer_account: 'unsupported',
  expand: 'use',
  flow_data: 'ignore', // the stand-in portal always shows the full subscription list
  locale: 'use',
  on_behalf_of: 'unsupported',
  return_url: 'use',
};

const INVOICE_LIST: Policies<Stripe.InvoiceListParams> = {
  ...PAGINATION,
  collection_method: 'unsupported',
  created: 'unsupported',
  customer: 'use',
  customer_account: 'unsupported',
  due_date: 'unsupported',
  expand: 'use',
  status: 'use',
  subscription: 'use',
};

const PRICE_LIST: Policies<Stripe.PriceListParams> = {
  ...PAGINATION,
  active: 'use',
  created: 'unsupported',
  currency: 'use',
  expand: 'use',
  lookup_keys: 'use',
  product: 'use',
  recurring: 'unsupported',
  type: 'use',
};

function check(params: Params, policy: Record<string, Policy>): void {
  for (const key of params.keys()) {
    if (!Object.hasOwn(policy, key)) throw unknownParameter(params.name(key));
    if (policy[key] === 'unsupported') throw notSupported(params.name(key));
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

function validUrl(params: Params, name: string): string | null {
  const value = params.nonEmpty(name);
  if (value === undefined) return null;
  let ok = false;
  try {
    const u = new URL(value.replaceAll('{CHECKOUT_SESSION_ID}', 'x'));
    ok = u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    ok = false;
  }
  if (!ok) throw invalidRequest('Not a valid URL', params.name(name), 'url_invalid');
  return value;
}

function validEmail(params: Params, name: string): string | undefined {
  const value = params.nonEmpty(name);
  if (value !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
    throw invalidRequest(`Invalid email address: ${value}`, params.name(name), 'email_invalid');
  }
  return value;
}

function newMetadata(params: Params, name = 'metadata'): Metadata {
  return applyMetadata({}, params.metadata(name));
}

interface Listable {
  id: string;
  created: number;
}

/** Newest first, with Stripe's `limit` / `starting_after` / `ending_before` cursors. */
function paginate<T extends Listable>(items: T[], params: Params, url: string, kind: string) {
  const limit = params.int('limit') ?? 10;
  if (limit < 1 || limit > 100) {
    throw invalidRequest(
      limit < 1
        ? 'This value must be greater than or equal to 1.'
        : 'This value must be less than or equal to 100.',
      'limit',
    );
  }
  const sorted = items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.created - a.item.created || b.index - a.index)
    .map((x) => x.item);
  let start = 0;
  let end = sorted.length;
  const after = params.nonEmpty('starting_after');
  const before = params.nonEmpty('ending_before');
  if (after !== undefined) {
    const i = sorted.findIndex((x) => x.id === after);
    if (i < 0) throw noSuch(kind, after, 'starting_after');
    start = i + 1;
  } else if (before !== undefined) {
    const i = sorted.findIndex((x) => x.id === before);
    if (i < 0) throw noSuch(kind, before, 'ending_before');
    end = i;
    start = Math.max(0, end - limit);
  }
  const page = sorted.slice(start, Math.min(end, start + limit));
  const hasMore = before !== undefined ? start > 0 : start + limit < end;
  return { object: 'list' as const, data: page.map((x) => clone(x)), has_more: hasMore, url };
}

// ---------------------------------------------------------------------------------------------
// Router

type Handler = (ctx: ApiContext, req: ApiRequest, id: string) => ApiResult;

const ROUTES: Array<[string, RegExp, Handler]> = [
  ['GET', /^\/v1\/prices$/, listPrices],
  ['GET', /^\/v1\/prices\/([^/]+)$/, retrieveFrom('prices', 'price')],
  ['GET', /^\/v1\/products\/([^/]+)$/, retrieveFrom('products', 'product')],
  ['GET', /^\/v1\/customers$/, listCustomers],
  ['POST', /^\/v1\/customers$/, createCustomer],
  ['GET', /^\/v1\/customers\/([^/]+)$/, retrieveFrom('customers', 'customer')],
  ['POST', /^\/v1\/customers\/([^/]+)$/, updateCustomer],
  ['GET', /^\/v1\/payment_methods\/([^/]+)$/, retrieveFrom('paymentMethods', 'PaymentMethod')],
  ['POST', /^\/v1\/checkout\/sessions$/, createCheckoutSession],
  ['GET', /^\/v1\/checkout\/sessions\/([^/]+)$/, retrieveCheckoutSession],
  ['GET', /^\/v1\/checkout\/sessions\/([^/]+)\/line_items$/, listCheckoutLineItems],
  ['GET', /^\/v1\/subscriptions$/, listSubscriptions],
  ['GET', /^\/v1\/subscriptions\/([^/]+)$/, retrieveSubscription],
  ['POST', /^\/v1\/subscriptions\/([^/]+)$/, updateSubscription],
  ['DELETE', /^\/v1\/subscriptions\/([^/]+)$/, cancelSubscription],
  ['POST', /^\/v1\/billing_portal\/sessions$/, createPortalSession],
  ['GET', /^\/v1\/invoices$/, listInvoices],
  ['GET', /^\/v1\/invoices\/([^/]+)$/, retrieveFrom('invoices', 'invoice')],
];

export function handleApi(ctx: ApiContext, req: ApiRequest): ApiResult {
  for (const [method, pattern, handler] of ROUTES) {
    const match = pattern.exec(req.path);
    if (match && method === req.method) {
      return handler(ctx, req, decodeURIComponent(match[1] ?? ''));
    }
  }
  throw new ApiError(404, {
    type: 'invalid_request_error',
    message: `Unrecognized request URL (${req.method}: ${req.path}). The local Stripe stand-in implements only the endpoints listed in tools/stripe-standin/api.ts.`,
  });
}

/** Clones `obj`, applies `expand[]`, and returns it as a 200 result. */
function respond(
  ctx: ApiContext,
  req: ApiRequest,
  obj: object,
  extraExpand?: (copy: object, paths: string[]) => string[],
): ApiResult {
  const copy = clone(obj);
  let paths = req.params.strings('expand');
  if (extraExpand) paths = extraExpand(copy, paths);
  expand(copy, paths, (id) => ctx.store.resolve(id));
  return { status: 200, body: copy };
}

/** GET /v1/<things>/:id for a collection of the store: the object, or Stripe's "No such …". */
function retrieveFrom(
  collection: 'prices' | 'products' | 'paymentMethods' | 'customers' | 'invoices',
  label: string,
) {
  return (ctx: ApiContext, req: ApiRequest, id: string): ApiResult => {
    check(req.params, RETRIEVE);
    const found = ctx.store[collection].get(id);
    if (!found) throw noSuch(label, id);
    return respond(ctx, req, found);
  };
}

// ---------------------------------------------------------------------------------------------
// Prices, products, payment methods

function listPrices(ctx: ApiContext, req: ApiRequest): ApiResult {
  const p = req.params;
  check(p, PRICE_LIST);
  const active = p.bool('active');
  const lookupKeys = p.strings('lookup_keys');
  const product = p.nonEmpty('product');
  const type = p.nonEmpty('type');
  const currency = p.nonEmpty('currency');
  const prices = [...ctx.store.prices.values()].filter(
    (x) =>
      (active === undefined || x.active === active) &&
      (lookupKeys.length === 0 || (x.lookup_key !== null && lookupKeys.includes(x.lookup_key))) &&
      (product === undefined || productIdOf(x) === product) &&
      (type === undefined || x.type === type) &&
      (currency === undefined || x.currency === currency.toLowerCase()),
  );
  return respond(ctx, req, paginate(prices, p, '/v1/prices', 'price'));
}

// ---------------------------------------------------------------------------------------------
// Customers

function createCustomer(ctx: ApiContext, req: ApiRequest): ApiResult {
  const p = req.params;
  check(p, CUSTOMER_CREATE);
  const customer = buildCustomer({
    email: validEmail(p, 'email') ?? null,
    name: p.nonEmpty('name') ?? null,
    metadata: newMetadata(p),
    created: nowSeconds(),
  });
  customer.description = p.nonEmpty('description') ?? null;
  customer.phone = p.nonEmpty('phone') ?? null;
  customer.preferred_locales = p.strings('preferred_locales');
  ctx.store.customers.set(customer.id, customer);
  ctx.store.save();
  return respond(ctx, req, customer);
}

function updateCustomer(ctx: ApiContext, req: ApiRequest, id: string): ApiResult {
  const p = req.params;
  check(p, CUSTOMER_UPDATE);
  const customer = ctx.store.customers.get(id);
  if (!customer) throw noSuch('customer', id);
  // '' unsets a field in Stripe's form encoding.
  if (p.has('email')) customer.email = validEmail(p, 'email') ?? null;
  if (p.has('name')) customer.name = p.nonEmpty('name') ?? null;
  if (p.has('description')) customer.description = p.nonEmpty('description') ?? null;
  if (p.has('phone')) customer.phone = p.nonEmpty('phone') ?? null;
  if (p.has('preferred_locales')) customer.preferred_locales = p.strings('preferred_locales');
  customer.metadata = applyMetadata(customer.metadata, p.metadata());
  ctx.store.save();
  return respond(ctx, req, customer);
}

function listCustomers(ctx: ApiContext, req: ApiRequest): ApiResult {
  const p = req.params;
  check(p, CUSTOMER_LIST);
  const email = p.nonEmpty('email');
  const customers = [...ctx.store.customers.values()].filter(
    (c) => email === undefined || c.email === email,
  );
  return respond(ctx, req, paginate(customers, p, '/v1/customers', 'customer'));
}

// ---------------------------------------------------------------------------------------------
// Checkout

function createCheckoutSession(ctx: ApiContext, req: ApiRequest): ApiResult {
  const p = req.params;
  check(p, CHECKOUT_CREATE);
  const mode = p.required('mode');
  if (mode !== 'subscription') {
    throw invalidRequest(
      `The local Stripe stand-in only implements mode=subscription (got '${mode}').`,
      'mode',
    );
  }
  const uiMode = p.nonEmpty('ui_mode');
  if (uiMode !== undefined && uiMode !== 'hosted_page') {
    throw invalidRequest(
      `The local Stripe stand-in only implements hosted Checkout (ui_mode=hosted_page), got '${uiMode}'.`,
      'ui_mode',
    );
  }
  const customerId = p.nonEmpty('customer');
  const customerEmail = validEmail(p, 'customer_email');
  if (customerId !== undefined && customerEmail !== undefined) {
    throw invalidRequest(
      'You may only specify one of these parameters: customer, customer_email.',
      'customer_email',
    );
  }
  if (customerId !== undefined && !ctx.store.customers.has(customerId)) {
    throw noSuch('customer', customerId, 'customer');
  }
  const clientReferenceId = p.nonEmpty('client_reference_id') ?? null;
  if (clientReferenceId !== null && clientReferenceId.length > 200) {
    throw invalidRequest(
      'client_reference_id must be at most 200 characters.',
      'client_reference_id',
    );
  }

  const lineItemParams = p.objects('line_items');
  if (lineItemParams.length === 0) p.required('line_items');
  const created = nowSeconds();
  const lineItems = lineItemParams.map((li, i) => {
    check(li, CHECKOUT_LINE_ITEM);
    const priceId = li.required('price');
    const price = ctx.store.prices.get(priceId);
    if (!price) throw noSuch('price', priceId, `line_items[${i}][price]`);
    if (!price.active) {
      throw invalidRequest(
        'The price specified is inactive. This field only accepts active prices.',
        `line_items[${i}][price]`,
      );
    }
    if (price.type !== 'recurring') {
      throw invalidRequest(
        'You must provide at least one recurring price in `subscription` mode when using prices.',
        `line_items[${i}][price]`,
      );
    }
    const quantity = li.int('quantity') ?? 1;
    if (quantity < 1) {
      throw invalidRequest(
        'This value must be greater than or equal to 1.',
        `line_items[${i}][quantity]`,
      );
    }
    const product = ctx.store.products.get(productIdOf(price));
    return buildCheckoutLineItem(price, quantity, product?.name ?? price.nickname ?? price.id);
  });
  const currencies = new Set(lineItems.map((li) => li.currency));
  if (currencies.size > 1) {
    throw invalidRequest(
      'All prices on a Checkout Session must use the same currency.',
      'line_items',
    );
  }

  const subscriptionData = p.obj('subscription_data');
  if (subscriptionData) check(subscriptionData, CHECKOUT_SUBSCRIPTION_DATA);

  const id = newId('cs_test', 58);
  const session = buildCheckoutSession({
    id,
    url: `${ctx.publicUrl()}/checkout/${id}`,
    created,
    customer: customerId ?? null,
    customerEmail: customerEmail ?? null,
    clientReferenceId,
    successUrl: validUrl(p, 'success_url'),
    cancelUrl: validUrl(p, 'cancel_url'),
    allowPromotionCodes: p.bool('allow_promotion_codes') ?? null,
    metadata: newMetadata(p),
    currency: lineItems[0]?.currency ?? ctx.store.prices.values().next().value?.currency ?? 'eur',
    amount: lineItems.reduce((sum, li) => sum + li.amount_total, 0),
    locale: p.nonEmpty('locale') ?? null,
    billingAddressCollection: p.nonEmpty('billing_address_collection') ?? null,
  });
  const expiresAt = p.int('expires_at');
  if (expiresAt !== undefined) {
    if (expiresAt < created + 30 * 60 || expiresAt > created + 24 * 3600) {
      throw invalidRequest(
        'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.',
        'expires_at',
      );
    }
    session.expires_at = expiresAt;
  }
  ctx.store.checkoutSessions.set(id, session);
  ctx.store.checkoutExtras.set(id, {
    lineItems,
    subscriptionMetadata: subscriptionData ? newMetadata(subscriptionData) : {},
    subscriptionDescription: subscriptionData?.nonEmpty('description') ?? null,
  });
  ctx.store.save();
  return respondSession(ctx, req, session);
}

function respondSession(ctx: ApiContext, req: ApiRequest, session: CheckoutSession): ApiResult {
  refreshSessionExpiry(session);
  return respond(ctx, req, session, (copy, paths) => {
    // `line_items` is not an id field: it is only materialised when expanded.
    if (!paths.some((x) => x === 'line_items' || x.startsWith('line_items.'))) return paths;
    (copy as CheckoutSession).line_items = lineItemList(ctx, session.id);
    return paths.filter((x) => x !== 'line_items');
  });
}

function lineItemList(ctx: ApiContext, sessionId: string) {
  return {
    object: 'list' as const,
    data: clone(ctx.store.checkoutExtras.get(sessionId)?.lineItems ?? []),
    has_more: false,
    url: `/v1/checkout/sessions/${sessionId}/line_items`,
  };
}

function retrieveCheckoutSession(ctx: ApiContext, req: ApiRequest, id: string): ApiResult {
  check(req.params, RETRIEVE);
  const session = ctx.store.checkoutSessions.get(id);
  if (!session) throw noSuch('checkout.session', id);
  return respondSession(ctx, req, session);
}

function listCheckoutLineItems(ctx: ApiContext, req: ApiRequest, id: string): ApiResult {
  check(req.params, { ...RETRIEVE, ...PAGINATION });
  if (!ctx.store.checkoutSessions.has(id)) throw noSuch('checkout.session', id);
  return respond(ctx, req, lineItemList(ctx, id));
}

// ---------------------------------------------------------------------------------------------
// Subscriptions

function getSubscription(ctx: ApiContext, id: string): Subscription {
  const sub = ctx.store.subscriptions.get(id);
  if (!sub) throw noSuch('subscription', id);
  return sub;
}

function retrieveSubscription(ctx: ApiContext, req: ApiRequest, id: string): ApiResult {
  check(req.params, RETRIEVE);
  return respond(ctx, req, getSubscription(ctx, id));
}

const ENDED = new Set(['canceled', 'incomplete_expired']);

function listSubscriptions(ctx: ApiContext, req: ApiRequest): ApiResult {
  const p = req.params;
  check(p, SUBSCRIPTION_LIST);
  const customer = p.nonEmpty('customer');
  const price = p.nonEmpty('price') ?? p.nonEmpty('plan');
  const status = p.nonEmpty('status');
  const subs = [...ctx.store.subscriptions.values()].filter((s) => {
    if (customer !== undefined && s.customer !== customer) return false;
    if (price !== undefined && !s.items.data.some((i) => i.price.id === price)) return false;
    if (status === undefined) return !ENDED.has(s.status); // Stripe's default hides ended ones
    if (status === 'all') return true;
    if (status === 'ended') return ENDED.has(s.status);
    return s.status === status;
  });
  return respond(ctx, req, paginate(subs, p, '/v1/subscriptions', 'subscription'));
}

function updateSubscription(ctx: ApiContext, req: ApiRequest, id: string): ApiResult {
  const p = req.params;
  check(p, SUBSCRIPTION_UPDATE);
  const sub = getSubscription(ctx, id);
  const cancelAtPeriodEnd = p.bool('cancel_at_period_end');
  const metadata = p.metadata();
  const details = p.obj('cancellation_details');
  if (details) check(details, CANCELLATION_DETAILS);
  if (ENDED.has(sub.status) && (cancelAtPeriodEnd !== undefined || p.has('description'))) {
    throw invalidRequest(
      'A canceled subscription can only update its cancellation_details and metadata.',
    );
  }
  ctx.billing.update(
    sub,
    (s) => {
      if (cancelAtPeriodEnd !== undefined) applyCancelAtPeriodEnd(s, cancelAtPeriodEnd);
      if (p.has('description')) s.description = p.nonEmpty('description') ?? null;
      s.metadata = applyMetadata(s.metadata, metadata);
      if (details) {
        const current = s.cancellation_details ?? {
          comment: null,
          feedback: null,
          feedback_option: null,
          reason: null,
        };
        s.cancellation_details = {
          ...current,
          ...(details.has('comment') ? { comment: details.nonEmpty('comment') ?? null } : {}),
          ...(details.has('feedback') ? { feedback: details.nonEmpty('feedback') ?? null } : {}),
        };
      }
    },
    req.request,
  );
  return respond(ctx, req, sub);
}

function cancelSubscription(ctx: ApiContext, req: ApiRequest, id: string): ApiResult {
  const p = req.params;
  check(p, SUBSCRIPTION_CANCEL);
  const sub = getSubscription(ctx, id);
  const details = p.obj('cancellation_details');
  if (details) check(details, CANCELLATION_DETAILS);
  ctx.billing.cancelNow(sub, req.request, {
    comment: details?.nonEmpty('comment'),
    feedback: details?.nonEmpty('feedback'),
  });
  return respond(ctx, req, sub);
}

// ---------------------------------------------------------------------------------------------
// Billing portal and invoices

function createPortalSession(ctx: ApiContext, req: ApiRequest): ApiResult {
  const p = req.params;
  check(p, PORTAL_CREATE);
  const customerId = p.required('customer');
  if (!ctx.store.customers.has(customerId)) throw noSuch('customer', customerId, 'customer');
  const id = newId('bps', 24);
  const session = buildPortalSession({
    id,
    url: `${ctx.publicUrl()}/portal/${id}`,
    customer: customerId,
    returnUrl: validUrl(p, 'return_url'),
    locale: p.nonEmpty('locale') ?? null,
    created: nowSeconds(),
  });
  ctx.store.portalSessions.set(id, session);
  ctx.store.save();
  return respond(ctx, req, session);
}

function listInvoices(ctx: ApiContext, req: ApiRequest): ApiResult {
  const p = req.params;
  check(p, INVOICE_LIST);
  const customer = p.nonEmpty('customer');
  const subscription = p.nonEmpty('subscription');
  const status = p.nonEmpty('status');
  const invoices = [...ctx.store.invoices.values()].filter((inv) => {
    if (customer !== undefined && inv.customer !== customer) return false;
    if (status !== undefined && inv.status !== status) return false;
    const subId = inv.parent?.subscription_details?.subscription;
    if (subscription !== undefined && subId !== subscription) return false;
    return true;
  });
  return respond(ctx, req, paginate(invoices, p, '/v1/invoices', 'invoice'));
}
