// `npm run db:backup [DIR]`: an online, consistent copy of the SQLite database (DATABASE_URL, default
// data/sojoourn.db) into backups/ (or DIR). The site may keep running. Postgres: use pg_dump.
import path from 'node:path';
import { backupSqlite, sqliteFileFromUrl } from '../lib/db/backup';

try {
  const target = await backupSqlite(
    sqliteFileFromUrl(),
    path.resolve(process.argv[2] ?? 'backups'),
  );
  console.log(`Backup written: ${path.relative(process.cwd(), target)}`);
} catch (error) {
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exit(1);
}
