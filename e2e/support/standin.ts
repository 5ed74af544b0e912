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
  events: async () =>
    (await (await fetch(`${STANDIN_URL}/_standin/events`)).json()) as {
      id: string;
      type: string;
      [key: string]: unknown;
    }[],
};
