// The club price shown on /club and the gates: cached while Stripe answers, and while it does not,
// asked again only every 30 s (each failed try costs about a second of the SDK's retries), showing
// the last price Stripe gave meanwhile.
import { describe, expect, it, vi } from 'vitest';

const retrieve = vi.fn();
vi.mock('./stripe', () => ({
  stripe: () => ({ prices: { retrieve } }),
  stripeSettings: { priceId: () => 'price_club' },
}));
const { getClubPrice } = await import('./price');

const MONTHLY = { unit_amount: 900, currency: 'eur', recurring: { interval: 'month' } };
const unreachable = () =>
  Promise.reject(new Error('An error occurred with our connection to Stripe'));

describe('getClubPrice', () => {
  it('does not ask a failing Stripe again for 30 s, then keeps the last price it gave', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const at = (seconds: number) => 1_000_000 + seconds * 1000;

    retrieve.mockImplementationOnce(unreachable);
    expect(await getClubPrice(at(0))).toBeNull();
    expect(await getClubPrice(at(10))).toBeNull();
    expect(retrieve).toHaveBeenCalledTimes(1);

    retrieve.mockResolvedValueOnce(MONTHLY);
    expect((await getClubPrice(at(31)))?.label).toBe('€9.00 / month');
    expect((await getClubPrice(at(200)))?.label).toBe('€9.00 / month');
    expect(retrieve).toHaveBeenCalledTimes(2);

    // Past the 5-minute cache, Stripe fails: the last price stays, and Stripe rests for 30 s.
    retrieve.mockImplementationOnce(unreachable);
    expect((await getClubPrice(at(400)))?.label).toBe('€9.00 / month');
    expect((await getClubPrice(at(420)))?.label).toBe('€9.00 / month');
    expect(retrieve).toHaveBeenCalledTimes(3);

    retrieve.mockResolvedValueOnce({ ...MONTHLY, unit_amount: 1200 });
    expect((await getClubPrice(at(431)))?.label).toBe('€12.00 / month');
    expect(retrieve).toHaveBeenCalledTimes(4);
  });
});
