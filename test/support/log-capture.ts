// What the app writes to its logs, as written: every pino line (serializers applied) and every
// console.* line, captured for a test to search for what must never be there.
import { format } from 'node:util';
import pino from 'pino';
import { vi } from 'vitest';
import { log } from '@/lib/platform/log';

export function captureLogs() {
  const lines: string[] = [];
  const holder = log as unknown as Record<symbol, unknown>;
  const stream = holder[pino.symbols.streamSym];
  // Tests log nothing by default (LOG_LEVEL=silent under NODE_ENV=test): here, everything.
  const level = log.level;
  log.level = 'trace';
  // Child loggers (requestLog) read the stream through their prototype: they write here too.
  holder[pino.symbols.streamSym] = { write: (line: string) => void lines.push(line) };
  const consoles = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(format(...args));
    }),
  );
  return {
    lines,
    /** Every captured line that contains one of `secrets` (case-insensitive), with the secret. */
    leaks(secrets: string[]): string[] {
      return lines.flatMap((line) =>
        secrets
          .filter((secret) => line.toLowerCase().includes(secret.toLowerCase()))
          .map((secret) => `${JSON.stringify(secret)} in ${line.trim()}`),
      );
    },
    restore() {
      holder[pino.symbols.streamSym] = stream;
      log.level = level;
      for (const spy of consoles) spy.mockRestore();
    },
  };
}
