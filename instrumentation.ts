// Runs once when the server starts (Node runtime only): see instrumentation-node.ts.
import type { Instrumentation } from 'next';

export async function register() {
  if (
    process.env.NEXT_RUNTIME === 'nodejs' &&
    process.env.NEXT_PHASE !== 'phase-production-build'
  ) {
    await import('./instrumentation-node');
  }
}

/** Any error while rendering a page or running a route or action: one log line with its context. */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { log } = await import('./lib/platform/log');
  const digest = (error as { digest?: string }).digest;
  log.error(
    {
      event: 'server.error',
      requestId: request.headers['x-request-id'],
      method: request.method,
      path: request.path.split('?')[0],
      route: context.routePath,
      kind: context.routeType,
      digest,
      err: error,
    },
    'server error',
  );
};
