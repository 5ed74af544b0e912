/**
 * In-memory state of the stand-in, optionally persisted to a JSON file (STANDIN_STATE_FILE) so
 * that dev-server restarts keep customers and subscriptions. Objects are stored exactly as the API
 * returns them (ids unexpanded); expansion happens per response.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildPrice, buildProduct, nowSeconds } from './objects.js';
import type {
  CheckoutLineItem,
  CheckoutSession,
  Customer,
  EventRecord,
  Invoice,
  Metadata,
  PaymentMethod,
  PortalSession,
  Price,
  Product,
  Subscription,
} from './types.js';

/** Data a Checkout Session keeps that is not part of its public object. */
export interface CheckoutExtra {
  lineItems: CheckoutLineItem[];
  subscriptionMetadata: Metadata;
  subscriptionDescription: string | null;
}

const STATE_VERSION = 1;
const MAX_EVENTS = 1000;

interface Snapshot {
  version: number;
  customers: Customer[];
  paymentMethods: PaymentMethod[];
  checkoutSessions: CheckoutSession[];
  checkoutExtras: Array<[string, CheckoutExtra]>;
  subscriptions: Subscription[];
  invoices: Invoice[];
  portalSessions: PortalSession[];
  events: EventRecord[];
}

export class Store {
  readonly products = new Map<string, Product>();
  readonly prices = new Map<string, Price>();
  readonly customers = new Map<string, Customer>();
  readonly paymentMethods = new Map<string, PaymentMethod>();
  readonly checkoutSessions = new Map<string, CheckoutSession>();
  readonly checkoutExtras = new Map<string, CheckoutExtra>();
  readonly subscriptions = new Map<string, Subscription>();
  readonly invoices = new Map<string, Invoice>();
  readonly portalSessions = new Map<string, PortalSession>();
  events: EventRecord[] = [];

  constructor(
    private readonly opts: {
      priceAmount: number;
      currency: string;
      stateFile?: string | undefined;
    },
  ) {
    this.seed();
    if (opts.stateFile) this.load(opts.stateFile);
  }

  /** The seeded catalog always reflects the current options, even after loading a state file. */
  private seed(): void {
    const created = nowSeconds();
    const product = buildProduct(created);
    const price = buildPrice(this.opts.priceAmount, this.opts.currency, created);
    this.products.set(product.id, product);
    this.prices.set(price.id, price);
  }

  reset(): void {
    for (const map of [
      this.products,
      this.prices,
      this.customers,
      this.paymentMethods,
      this.checkoutSessions,
      this.checkoutExtras,
      this.subscriptions,
      this.invoices,
      this.portalSessions,
    ]) {
      map.clear();
    }
    this.events = [];
    this.seed();
    this.save();
  }

  /** Looks an object up by its id prefix; used for `expand[]`. */
  resolve(id: string): object | undefined {
    if (id.startsWith('cus_')) return this.customers.get(id);
    if (id.startsWith('sub_')) return this.subscriptions.get(id);
    if (id.startsWith('in_')) return this.invoices.get(id);
    if (id.startsWith('price_')) return this.prices.get(id);
    if (id.startsWith('prod_')) return this.products.get(id);
    if (id.startsWith('pm_')) return this.paymentMethods.get(id);
    if (id.startsWith('cs_')) return this.checkoutSessions.get(id);
    return undefined;
  }

  /** Next invoice number in Stripe's per-customer `PREFIX-0001` format. */
  nextInvoiceNumber(customer: Customer): string {
    const seq = customer.next_invoice_sequence ?? 1;
    customer.next_invoice_sequence = seq + 1;
    return `${customer.invoice_prefix ?? 'STANDIN'}-${String(seq).padStart(4, '0')}`;
  }

  addEvent(record: EventRecord): void {
    this.events.push(record);
    if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
  }

  /** Writes the state file atomically (write + rename) when persistence is enabled. */
  save(): void {
    const file = this.opts.stateFile;
    if (!file) return;
    const snapshot: Snapshot = {
      version: STATE_VERSION,
      customers: [...this.customers.values()],
      paymentMethods: [...this.paymentMethods.values()],
      checkoutSessions: [...this.checkoutSessions.values()],
      checkoutExtras: [...this.checkoutExtras.entries()],
      subscriptions: [...this.subscriptions.values()],
      invoices: [...this.invoices.values()],
      portalSessions: [...this.portalSessions.values()],
      events: this.events,
    };
    mkdirSync(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(snapshot));
    renameSync(tmp, file);
  }

  private load(file: string): void {
    if (!existsSync(file)) return;
    // The file is written only by save() above, so trusting its shape is reasonable; a version
    // mismatch or unreadable file starts from a clean state instead of failing the dev server.
    let snapshot: Snapshot;
    try {
      snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
    } catch (err) {
      console.warn(`[stripe-standin] ignoring unreadable state file ${file}: ${String(err)}`);
      return;
    }
    if (snapshot.version !== STATE_VERSION) {
      console.warn(`[stripe-standin] ignoring state file ${file} with version ${snapshot.version}`);
      return;
    }
    for (const c of snapshot.customers) this.customers.set(c.id, c);
    for (const p of snapshot.paymentMethods) this.paymentMethods.set(p.id, p);
    for (const s of snapshot.checkoutSessions) this.checkoutSessions.set(s.id, s);
    for (const [id, extra] of snapshot.checkoutExtras) this.checkoutExtras.set(id, extra);
    for (const s of snapshot.subscriptions) this.subscriptions.set(s.id, s);
    for (const i of snapshot.invoices) this.invoices.set(i.id, i);
    for (const p of snapshot.portalSessions) this.portalSessions.set(p.id, p);
    // Deliveries that were in flight when the process stopped are not resumed.
    this.events = snapshot.events.map((r) =>
      r.status === 'pending' ? { ...r, status: 'failed' } : r,
    );
  }
}
