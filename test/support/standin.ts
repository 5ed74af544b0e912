// Test controls of the local Stripe stand-in (never present in production).
import { STANDIN_URL } from './ports';

async function control(path: string, init?: RequestInit) {
  const response = await fetch(`${STANDIN_URL}/_standin${path}`, { method: 'POST', ...init });
  if (!response.ok)
    throw new Error(`stand-in ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<unknown>;
}

export const standin = {
  endPeriod: (subscriptionId: string) => control(`/subscriptions/${subscriptionId}/end-period`),
  failRenewal: (subscriptionId: string) => control(`/subscriptions/${subscriptionId}/fail-renewal`),
  deleteSubscription: (subscriptionId: string) =>
    control(`/subscriptions/${subscriptionId}/delete`),
  resendEvent: (eventId: string) => control(`/events/${eventId}/resend`),
  /** Every event the stand-in emitted, oldest first. */
  events: async () => {
    const body = (await (await fetch(`${STANDIN_URL}/_standin/events`)).json()) as
      StandinEvent[] | { data: StandinEvent[] };
    return Array.isArray(body) ? body : body.data;
  },
  /** Waits until every queued webhook delivery has been attempted. */
  flush: () => control('/events/flush'),
};

export interface StandinEvent {
  id: string;
  type: string;
  object_id: string;
  status: string;
  attempts: number;
  last_response_status: number | null;
  event: { id: string; type: string; data: { object: Record<string, unknown> } };
}
