// The sign-in form's plain POST, for a browser whose script has not run (or never runs): the same
// link and code as the script's request (lib/auth/signin-form-post.ts).
import type { NextRequest } from 'next/server';
import { answerSignInForm, signInFormFields } from '@/lib/auth/signin-form-post';
import { bodyTooLargeResponse, readFormCapped } from '@/lib/platform/request-body';

const MAX_BODY_BYTES = 4096;

export async function POST(request: NextRequest) {
  const fields = await readFormCapped(request, MAX_BODY_BYTES);
  if (!fields) return bodyTooLargeResponse();
  return answerSignInForm(request, signInFormFields.parse(fields));
}
