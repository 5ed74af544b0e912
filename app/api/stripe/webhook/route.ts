import { receiveWebhook } from '@/lib/billing';

const MAX_WEBHOOK_BYTES = 512 * 1024;

export async function POST(request: Request) {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_WEBHOOK_BYTES) {
    return Response.json({ error: 'Payload too large' }, { status: 413 });
  }
  // The signature covers the exact bytes sent: read the raw text, never re-serialised JSON.
  const rawBody = await request.text();
  if (rawBody.length > MAX_WEBHOOK_BYTES)
    return Response.json({ error: 'Payload too large' }, { status: 413 });
  const result = await receiveWebhook(rawBody, request.headers.get('stripe-signature'));
  if (result.status !== 200)
    return Response.json({ error: result.error }, { status: result.status });
  return Response.json({ received: true, outcome: result.outcome });
}
