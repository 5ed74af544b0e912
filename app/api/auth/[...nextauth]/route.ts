import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';
import { checkSignInRequest, refusalResponse } from '@/lib/auth/signin-guard';

const handler = NextAuth(authOptions);

interface RouteContext {
  params: Promise<{ nextauth: string[] }>;
}

const MAX_SIGNIN_BODY_BYTES = 4096;

export function GET(request: Request, context: RouteContext) {
  return handler(request, context);
}

export async function POST(request: Request, context: RouteContext) {
  const { nextauth } = await context.params;
  if (nextauth.join('/') === 'signin/email') {
    if (Number(request.headers.get('content-length') ?? 0) > MAX_SIGNIN_BODY_BYTES) {
      return new Response('Request too large', { status: 413 });
    }
    const form = await request.clone().formData();
    const refusal = await checkSignInRequest(form.get('email'), request.headers);
    if (refusal) return refusalResponse(refusal, form.get('json') === 'true');
  }
  return handler(request, context);
}
