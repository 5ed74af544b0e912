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
/**
 * After a failed lookup, Stripe is not asked again for this long: each try costs about a second of
 * the SDK's retries, and the price is on pages every visitor opens (/club, the gates).
 */
const FAILURE_MS = 30_000;
let cached: { price: ClubPrice; at: number } | null = null;
let failedAt: number | null = null;

function intervalLabel(interval: string, count: number): string {
  return count === 1 ? interval : `${count} ${interval}s`;
}

/**
 * The membership price as Stripe has it, cached for a few minutes. When Stripe cannot say: the last
 * price it gave, else null (the page then shows no price).
 */
export async function getClubPrice(now = Date.now()): Promise<ClubPrice | null> {
  if (cached && now - cached.at < CACHE_MS) return cached.price;
  if (failedAt !== null && now - failedAt < FAILURE_MS) return cached?.price ?? null;
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
    failedAt = null;
    return club;
  } catch (error) {
    console.error('[billing] could not read the club price from Stripe:', (error as Error).message);
    failedAt = now;
    return cached?.price ?? null;
  }
}
