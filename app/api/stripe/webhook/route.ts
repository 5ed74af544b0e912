import { receiveWebhook } from '@/lib/billing';
import { BodyTooLargeError, readTextCapped } from '@/lib/platform/request-body';

const MAX_WEBHOOK_BYTES = 512 * 1024;

export async function POST(request: Request) {
  // The signature covers the exact bytes sent: read the raw text, never re-serialised JSON. The cap
  // counts the bytes read (a chunked request has no Content-Length).
  let rawBody: string;
  try {
    rawBody = await readTextCapped(request, MAX_WEBHOOK_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return Response.json({ error: 'Payload too large' }, { status: 413 });
    }
    throw error;
  }
  const result = await receiveWebhook(rawBody, request.headers.get('stripe-signature'));
  if (result.status !== 200)
    return Response.json({ error: result.error }, { status: result.status });
  return Response.json({ received: true, outcome: result.outcome });
}
