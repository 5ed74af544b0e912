import 'server-only';
// next-auth's route handler, shared by /api/auth/* and the sign-in code route (which hands a
// code's token to the same e-mail callback).
import NextAuth from 'next-auth';
import { authOptions } from './options';

type RouteHandler = (
  request: Request,
  context: { params: Promise<{ nextauth: string[] }> },
) => Promise<Response>;

export const authHandler = NextAuth(authOptions) as RouteHandler;
