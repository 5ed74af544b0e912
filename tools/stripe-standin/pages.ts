/**
 * Hosted pages: Checkout (`/checkout/:id`), Customer Portal (`/portal/:id`) and the hosted invoice
 * page (`/invoice/:id`). Plain HTML forms, no JavaScript, with a visible TEST MODE banner.
 */
import type { ServerResponse } from 'node:http';
import { type Billing, idOf, periodEnd, refreshSessionExpiry } from './billing.js';
import { ApiError } from './errors.js';
import { redirect, sendHtml } from './http.js';
import { formatDate, formatMoney } from './objects.js';
import type { Store } from './state.js';
import type { CheckoutSession, Invoice, PortalSession, Subscription } from './types.js';

export interface PagesContext {
  store: Store;
  billing: Billing;
  publicUrl: () => string;
}

/** Stripe's test card that is always declined with `card_declined`. */
export const DECLINED_CARD = '4000000000000002';
const DEFAULT_CARD = '4242 4242 4242 4242';

function esc(value: string | number | null | undefined): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
  body { margin: 0; background: #f6f8fa; color: #1a1f36; }
  .banner { background: #ffde92; color: #5a3b00; text-align: center; padding: .5rem 1rem; font-weight: 600; }
  main { max-width: 32rem; margin: 2rem auto; background: #fff; padding: 2rem; border-radius: .75rem;
    box-shadow: 0 1px 3px rgba(0,0,0,.12); }
  h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
  h2 { font-size: 1.15rem; margin: 0 0 .25rem; }
  .merchant { color: #697386; margin: 0 0 1rem; }
  .price { font-size: 1.25rem; margin: 0 0 1.5rem; }
  label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
  input { width: 100%; box-sizing: border-box; padding: .6rem .75rem; font-size: 1rem;
    border: 1px solid #8792a2; border-radius: .375rem; }
  button { margin-top: 1rem; padding: .65rem 1.25rem; font-size: 1rem; border: 0; border-radius: .375rem;
    background: #635bff; color: #fff; cursor: pointer; }
  button.secondary { background: #fff; color: #1a1f36; border: 1px solid #8792a2; }
  button:focus-visible, a:focus-visible, input:focus-visible { outline: 3px solid #0a2540; outline-offset: 2px; }
  .hint { color: #4f566b; font-size: .875rem; }
  .alert { background: #fde8e8; color: #8a1c1c; padding: .75rem 1rem; border-radius: .375rem; }
  .status { background: #e6f4ea; color: #0d5327; padding: .75rem 1rem; border-radius: .375rem; }
  .subs { list-style: none; padding: 0; }
  .subs > li { border: 1px solid #e3e8ee; border-radius: .5rem; padding: 1rem; margin: 1rem 0; }
  .actions form { display: inline-block; margin-right: .5rem; }
  a { color: #533afd; }
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${esc(title)} · TEST MODE</title>
<style>${STYLE}</style>
</head>
<body>
<div class="banner" role="note">TEST MODE: local Stripe stand-in. No real payment is taken.</div>
<main>
${body}
</main>
</body>
</html>
`;
}

function notFound(res: ServerResponse, what: string): void {
  sendHtml(
    res,
    404,
    layout(
      'Not found',
      `<h1>${esc(what)} not found</h1><p>This link is invalid or has been reset.</p>`,
    ),
  );
}

function intervalLabel(interval: string, count: number): string {
  return count === 1 ? `per ${interval}` : `every ${count} ${interval}s`;
}

function normalizeCard(value: string | null): string {
  return (value ?? '').replace(/[\s-]/g, '');
}

// ---------------------------------------------------------------------------------------------
// Checkout

function checkoutEmail(ctx: PagesContext, session: CheckoutSession): string | null {
  if (session.customer) return ctx.store.customers.get(idOf(session.customer))?.email ?? null;
  return session.customer_email;
}

function successUrl(session: CheckoutSession): string | null {
  return session.success_url?.replaceAll('{CHECKOUT_SESSION_ID}', session.id) ?? null;
}

function renderCheckout(
  ctx: PagesContext,
  session: CheckoutSession,
  state: { error?: string; card?: string; email?: string } = {},
): string {
  const extra = ctx.store.checkoutExtras.get(session.id);
  const items = extra?.lineItems ?? [];
  const first = items[0];
  const product = first?.description ?? 'Subscription';
  const recurring = first?.price?.recurring;
  const period = recurring ? intervalLabel(recurring.interval, recurring.interval_count) : '';
  const amount = formatMoney(session.amount_total ?? 0, session.currency ?? 'eur');
  const email = checkoutEmail(ctx, session);
  const cancel = session.cancel_url
    ? `<p><a href="${esc(session.cancel_url)}">Cancel and return</a></p>`
    : '';

  if (session.status === 'complete') {
    const next = successUrl(session);
    return layout(
      'Payment complete',
      `<h1>Payment complete</h1><p>This checkout session has already been paid.</p>${
        next ? `<p><a href="${esc(next)}">Continue</a></p>` : ''
      }`,
    );
  }
  if (session.status === 'expired') {
    return layout('Session expired', `<h1>This checkout session has expired</h1>${cancel}`);
  }

  const lines =
    items.length > 1
      ? `<ul>${items
          .map(
            (li) =>
              `<li>${esc(li.quantity)} × ${esc(li.description)}: ${esc(formatMoney(li.amount_total, li.currency))}</li>`,
          )
          .join('')}</ul>`
      : '';
  const emailField = email
    ? `<p>Email: <strong>${esc(email)}</strong></p>`
    : `<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="email" required value="${esc(state.email)}">`;
  const error = state.error ? `<p class="alert" role="alert">${esc(state.error)}</p>` : '';
  return layout(
    `Subscribe to ${product}`,
    `<p class="merchant">Sojoourn</p>
<h1>Subscribe to ${esc(product)}</h1>
<p class="price"><strong>${esc(amount)}</strong> ${esc(period)}</p>
${lines}
${error}
<form method="post" action="/checkout/${esc(session.id)}">
${emailField}
<label for="card_number">Card number</label>
<input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" required
  aria-describedby="card-hint" value="${esc(state.card ?? DEFAULT_CARD)}">
<p class="hint" id="card-hint">Test cards: 4242 4242 4242 4242 succeeds; 4000 0000 0000 0002 is declined.</p>
<button type="submit">Pay and subscribe</button>
</form>
${cancel}`,
  );
}

export function checkoutPage(ctx: PagesContext, res: ServerResponse, id: string): void {
  const session = ctx.store.checkoutSessions.get(id);
  if (!session) return notFound(res, 'Checkout session');
  refreshSessionExpiry(session);
  sendHtml(res, 200, renderCheckout(ctx, session));
}

export function checkoutSubmit(
  ctx: PagesContext,
  res: ServerResponse,
  id: string,
  form: URLSearchParams,
): void {
  const session = ctx.store.checkoutSessions.get(id);
  if (!session) return notFound(res, 'Checkout session');
  refreshSessionExpiry(session);
  if (session.status === 'complete') {
    // Paying twice (reload, double submit) just continues to the success page.
    const next = successUrl(session);
    if (next) return redirect(res, next);
    return sendHtml(res, 200, renderCheckout(ctx, session));
  }
  if (session.status !== 'open') return sendHtml(res, 200, renderCheckout(ctx, session));

  const cardInput = form.get('card_number') ?? '';
  const card = normalizeCard(cardInput);
  const email = (form.get('email') ?? '').trim();
  const rerender = (error: string): void =>
    sendHtml(res, 200, renderCheckout(ctx, session, { error, card: cardInput, email }));
  if (!checkoutEmail(ctx, session) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    return rerender('Your email address is invalid.');
  }
  if (!/^\d{12,19}$/.test(card)) return rerender('Your card number is incomplete.');
  if (card === DECLINED_CARD) return rerender('Your card was declined.');

  ctx.billing.completeCheckout(session, { cardDigits: card, email: email || null });
  const next = successUrl(session);
  if (next) return redirect(res, next);
  sendHtml(
    res,
    200,
    layout(
      'Thanks',
      '<h1>Thanks for subscribing</h1><p role="status">Your payment was successful.</p>',
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Customer portal

const STATUS_LABELS: Record<string, string> = {
  active: 'Active',
  trialing: 'Trial',
  past_due: 'Past due',
  unpaid: 'Unpaid',
  canceled: 'Canceled',
  incomplete: 'Incomplete',
  incomplete_expired: 'Expired',
  paused: 'Paused',
};

const FLASH: Record<string, string> = {
  canceled: 'Your plan has been canceled. It stays active until the end of the current period.',
  renewed: 'Your plan has been renewed.',
  paid: 'Payment successful. Your subscription is active.',
};

function portalSubscription(ctx: PagesContext, portal: PortalSession, sub: Subscription): string {
  const item = sub.items.data[0];
  const product = ctx.billing.productName(sub);
  const price = item
    ? `${formatMoney((item.price.unit_amount ?? 0) * (item.quantity ?? 1), item.price.currency)} ${intervalLabel(
        item.price.recurring?.interval ?? 'month',
        item.price.recurring?.interval_count ?? 1,
      )}`
    : '';
  const status = STATUS_LABELS[sub.status] ?? sub.status;
  const ended = sub.status === 'canceled' || sub.status === 'incomplete_expired';
  let when: string;
  if (ended) when = `Ended on ${formatDate(sub.ended_at ?? periodEnd(sub))}`;
  else if (sub.cancel_at_period_end)
    when = `Cancels on ${formatDate(sub.cancel_at ?? periodEnd(sub))}`;
  else when = `Renews on ${formatDate(periodEnd(sub))}`;

  const action = (name: string, label: string, secondary = false): string =>
    `<form method="post" action="/portal/${esc(portal.id)}">
<input type="hidden" name="subscription" value="${esc(sub.id)}">
<button type="submit" name="action" value="${name}"${secondary ? ' class="secondary"' : ''}>${esc(label)}</button>
</form>`;
  const actions: string[] = [];
  if (sub.status === 'past_due' || sub.status === 'unpaid') {
    actions.push(action('update_payment_method', 'Update payment method'));
  }
  if (!ended) {
    actions.push(
      sub.cancel_at_period_end
        ? action('renew', 'Renew plan')
        : action('cancel', 'Cancel plan', true),
    );
  }
  const warning =
    sub.status === 'past_due' || sub.status === 'unpaid'
      ? '<p class="alert">Your last payment failed. Update your payment method to keep your subscription.</p>'
      : '';
  return `<li>
<h2>${esc(product)}</h2>
<p>${esc(price)}</p>
<p>Status: <strong>${esc(status)}</strong></p>
<p>${esc(when)}</p>
${warning}
<div class="actions">${actions.join('\n')}</div>
</li>`;
}

function renderPortal(ctx: PagesContext, portal: PortalSession, flash: string | null): string {
  const customer = ctx.store.customers.get(portal.customer);
  const subs = [...ctx.store.subscriptions.values()]
    .filter((s) => idOf(s.customer) === portal.customer)
    .sort((a, b) => b.created - a.created);
  const list = subs.length
    ? `<ul class="subs">${subs.map((s) => portalSubscription(ctx, portal, s)).join('\n')}</ul>`
    : '<p>You have no subscriptions.</p>';
  const message =
    flash && FLASH[flash] ? `<p class="status" role="status">${esc(FLASH[flash])}</p>` : '';
  const back = portal.return_url
    ? `<p><a href="${esc(portal.return_url)}">Return to Sojoourn</a></p>`
    : '';
  return layout(
    'Manage your subscription',
    `<p class="merchant">Sojoourn</p>
<h1>Manage your subscription</h1>
${customer?.email ? `<p>Signed in as <strong>${esc(customer.email)}</strong></p>` : ''}
${message}
${list}
${back}`,
  );
}

export function portalPage(
  ctx: PagesContext,
  res: ServerResponse,
  id: string,
  query: URLSearchParams,
): void {
  const portal = ctx.store.portalSessions.get(id);
  if (!portal) return notFound(res, 'Portal session');
  sendHtml(res, 200, renderPortal(ctx, portal, query.get('updated')));
}

export function portalSubmit(
  ctx: PagesContext,
  res: ServerResponse,
  id: string,
  form: URLSearchParams,
): void {
  const portal = ctx.store.portalSessions.get(id);
  if (!portal) return notFound(res, 'Portal session');
  const sub = ctx.store.subscriptions.get(form.get('subscription') ?? '');
  if (!sub || idOf(sub.customer) !== portal.customer) return notFound(res, 'Subscription');
  const action = form.get('action');
  let flash: string;
  try {
    if (action === 'cancel') {
      ctx.billing.setCancelAtPeriodEnd(sub, true);
      flash = 'canceled';
    } else if (action === 'renew') {
      ctx.billing.setCancelAtPeriodEnd(sub, false);
      flash = 'renewed';
    } else if (
      action === 'update_payment_method' &&
      (sub.status === 'past_due' || sub.status === 'unpaid')
    ) {
      ctx.billing.recoverPayment(sub);
      flash = 'paid';
    } else {
      return sendHtml(res, 400, layout('Not possible', '<h1>That action is not available</h1>'));
    }
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return sendHtml(
      res,
      400,
      layout(
        'Not possible',
        `<h1>That action is not available</h1><p role="alert">${esc(err.message)}</p>`,
      ),
    );
  }
  redirect(res, `${ctx.publicUrl()}/portal/${encodeURIComponent(id)}?updated=${flash}`);
}

// ---------------------------------------------------------------------------------------------
// Hosted invoice page (the target of `invoice.hosted_invoice_url`)

function renderInvoice(
  invoice: Invoice,
  state: { error?: string; card?: string; paid?: boolean } = {},
): string {
  const amount = formatMoney(invoice.amount_due, invoice.currency);
  const error = state.error ? `<p class="alert" role="alert">${esc(state.error)}</p>` : '';
  const paid = state.paid ? '<p class="status" role="status">Payment successful.</p>' : '';
  const form =
    invoice.status === 'open'
      ? `<form method="post" action="/invoice/${esc(invoice.id)}">
<label for="card_number">Card number</label>
<input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" required value="${esc(state.card ?? DEFAULT_CARD)}">
<button type="submit">Pay ${esc(amount)}</button>
</form>`
      : '';
  return layout(
    `Invoice ${invoice.number ?? invoice.id}`,
    `<p class="merchant">Sojoourn</p>
<h1>Invoice ${esc(invoice.number ?? invoice.id)}</h1>
<p class="price"><strong>${esc(amount)}</strong></p>
<p>Status: <strong>${esc(invoice.status === 'paid' ? 'Paid' : invoice.status === 'open' ? 'Due' : invoice.status)}</strong></p>
${paid}${error}${form}`,
  );
}

export function invoicePage(
  ctx: PagesContext,
  res: ServerResponse,
  id: string,
  query: URLSearchParams,
): void {
  const invoice = ctx.store.invoices.get(id);
  if (!invoice) return notFound(res, 'Invoice');
  sendHtml(res, 200, renderInvoice(invoice, { paid: query.get('paid') === '1' }));
}

export function invoiceSubmit(
  ctx: PagesContext,
  res: ServerResponse,
  id: string,
  form: URLSearchParams,
): void {
  const invoice = ctx.store.invoices.get(id);
  if (!invoice) return notFound(res, 'Invoice');
  const cardInput = form.get('card_number') ?? '';
  const card = normalizeCard(cardInput);
  if (invoice.status === 'open') {
    if (!/^\d{12,19}$/.test(card)) {
      return sendHtml(
        res,
        200,
        renderInvoice(invoice, { error: 'Your card number is incomplete.', card: cardInput }),
      );
    }
    if (card === DECLINED_CARD) {
      return sendHtml(
        res,
        200,
        renderInvoice(invoice, { error: 'Your card was declined.', card: cardInput }),
      );
    }
    ctx.billing.payInvoice(invoice, card);
  }
  redirect(res, `${ctx.publicUrl()}/invoice/${encodeURIComponent(id)}?paid=1`);
}
