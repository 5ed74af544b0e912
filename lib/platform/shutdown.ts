// Graceful shutdown of a production instance. On SIGTERM (or SIGINT) Next's own server stops
// accepting connections and waits for the requests in flight, then exits; this adds what it lacks:
// /api/health answers 503 at once (balancers stop sending), the wait is bounded (SHUTDOWN_GRACE_MS,
// default 10 s), and the database pool is closed before the process exits.
import { shutdownGraceMs } from './env';
import { log } from './log';

let draining = false;

/** True once the instance has been asked to stop. */
export function isDraining(): boolean {
  return draining;
}

export interface ShutdownOptions {
  graceMs?: number;
  /** Releases resources (the database pool); runs once, before exit. */
  close: () => Promise<void>;
}

export function installGracefulShutdown({ graceMs, close }: ShutdownOptions): void {
  const holder = globalThis as typeof globalThis & { sojoournShutdown?: boolean };
  if (holder.sojoournShutdown) return;
  holder.sojoournShutdown = true;
  const grace = graceMs ?? shutdownGraceMs();

  let closing: Promise<void> | undefined;
  const closeOnce = () =>
    (closing ??= close().catch((error: unknown) =>
      log.error({ event: 'shutdown.close_failed', err: error }, 'could not close resources'),
    ));

  const onSignal = (signal: NodeJS.Signals) => {
    if (draining) return;
    draining = true;
    const started = Date.now();
    log.info(
      { event: 'shutdown.start', signal, graceMs: grace },
      'draining: finishing requests in flight',
    );
    // Next exits through process.exit once its server has closed: close our resources first.
    const exit = process.exit.bind(process);
    process.exit = ((code?: number) => {
      void closeOnce().finally(() => {
        log.info({ event: 'shutdown.done', ms: Date.now() - started }, 'stopped');
        exit(code);
      });
    }) as typeof process.exit;
    // Requests still running after the grace period are cut off.
    setTimeout(() => {
      log.warn({ event: 'shutdown.forced', graceMs: grace }, 'grace period over: exiting');
      void closeOnce().finally(() => exit(signal === 'SIGINT' ? 130 : 143));
    }, grace);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
