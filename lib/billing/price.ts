import 'server-only';
import { formatMoney } from '../platform/format';
import { stripe, stripeSettings } from './stripe';

export interface ClubPrice {
  amount: number;
  currency: string;
  interval: string;
  intervalCount: number;
  /** "€9.00 / month" */
  label: string;
}

const CACHE_MS = 5 * 60_000;
let cached: { price: ClubPrice; at: number } | null = null;

function intervalLabel(interval: string, count: number): string {
  return count === 1 ? interval : `${count} ${interval}s`;
}

/** The membership price as Stripe has it, cached for a few minutes; null when Stripe can't say. */
export async function getClubPrice(now = Date.now()): Promise<ClubPrice | null> {
  if (cached && now - cached.at < CACHE_MS) return cached.price;
  try {
    const price = await stripe().prices.retrieve(stripeSettings.priceId());
    if (price.unit_amount == null || !price.recurring) return null;
    const interval = price.recurring.interval;
    const intervalCount = price.recurring.interval_count ?? 1;
    const club: ClubPrice = {
      amount: price.unit_amount,
      currency: price.currency,
      interval,
      intervalCount,
      label: `${formatMoney(price.unit_amount, price.currency)} / ${intervalLabel(interval, intervalCount)}`,
    };
    cached = { price: club, at: now };
    return club;
  } catch (error) {
    console.error('[billing] could not read the club price from Stripe:', (error as Error).message);
    return null;
  }
}
