// What /api/health reports about the database: reachable, and every known migration applied.
import { sql, type Kysely } from 'kysely';
import { migrationProvider } from './migrations';
import type { Database } from './schema';

export interface DatabaseHealth {
  db: 'ok' | 'unreachable';
  migrations: 'current' | 'pending' | 'unknown';
}

export async function databaseHealth(
  db: Kysely<Database>,
  timeoutMs = 2000,
): Promise<DatabaseHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('database check timed out')), timeoutMs);
  });
  try {
    const applied = await Promise.race([
      (async () => {
        await sql`SELECT 1`.execute(db);
        try {
          const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
          return new Set(rows.rows.map((row) => row.name));
        } catch {
          return new Set<string>(); // no migration table yet
        }
      })(),
      timeout,
    ]);
    const known = Object.keys(await migrationProvider.getMigrations());
    return {
      db: 'ok',
      migrations: known.every((name) => applied.has(name)) ? 'current' : 'pending',
    };
  } catch {
    return { db: 'unreachable', migrations: 'unknown' };
  } finally {
    clearTimeout(timer);
  }
}

export const isHealthy = (health: DatabaseHealth) =>
  health.db === 'ok' && health.migrations === 'current';
