// Billing input rules (client-safe).
import * as z from '../forms/zod';

/**
 * A Checkout Session id as Stripe makes them (`cs_test_…`, `cs_live_…`). Anything else in the
 * welcome page's `session_id` is not looked up: no Stripe call for a made-up value.
 */
export const checkoutSessionIdSchema = z.string().regex(/^cs_[A-Za-z0-9_]{8,250}$/);
