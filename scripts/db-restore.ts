// `npm run db:restore FILE`: puts a backup from `npm run db:backup` back as the SQLite database
// (DATABASE_URL, default data/sojoourn.db). Stop the server first; the replaced file is kept.
import path from 'node:path';
import { restoreSqlite, sqliteFileFromUrl } from '../lib/db/backup';

const from = process.argv[2];
if (!from) {
  console.error('Usage: npm run db:restore backups/<file>.db   (stop the server first)');
  process.exit(2);
}
try {
  const file = sqliteFileFromUrl();
  const kept = restoreSqlite(path.resolve(from), file);
  console.log(`Restored ${from} into ${path.relative(process.cwd(), file)}.`);
  if (kept) console.log(`The previous database is kept as ${path.relative(process.cwd(), kept)}.`);
} catch (error) {
  console.error(`Restore failed: ${(error as Error).message}`);
  process.exit(1);
}
