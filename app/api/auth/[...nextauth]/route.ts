import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/options';
import { refusalResponse, runSignInRequest } from '@/lib/auth/signin-guard';
import { clientIp } from '@/lib/platform/rate-limit';
import { BodyTooLargeError, readBodyCapped } from '@/lib/platform/request-body';

const handler = NextAuth(authOptions);

interface RouteContext {
  params: Promise<{ nextauth: string[] }>;
}

const MAX_AUTH_BODY_BYTES = 4096;

export function GET(request: NextRequest, context: RouteContext) {
  return handler(request, context);
}

// Every POST (whatever the path) runs next-auth inside a request context: the limits themselves
// are checked where next-auth decides to send a link (lib/auth/options.ts, signin-guard.ts).
export async function POST(request: NextRequest, context: RouteContext) {
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await readBodyCapped(request, MAX_AUTH_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      return new Response('Request too large', { status: 413 });
    throw error;
  }
  const headers = new Headers(request.headers);
  headers.delete('content-length');
  const replay = new NextRequest(request.url, { method: 'POST', headers, body });
  const { result, refusal } = await runSignInRequest(
    clientIp(request.headers),
    () => handler(replay, context) as Promise<Response>,
  );
  if (!refusal) return result;
  const wantsJson = result.headers.get('content-type')?.includes('application/json') ?? false;
  return refusalResponse(refusal, wantsJson);
}
