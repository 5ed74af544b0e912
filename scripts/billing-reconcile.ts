// `npm run billing:reconcile` (nightly, e.g. from cron): re-reads every known subscription from
// Stripe and fixes any drift a lost webhook left in the stored memberships; prints each change.
// Runs with `--conditions=react-server` so lib/billing's 'server-only' marker allows it.
import { stripeReader } from '../lib/billing';
import { reconcileMemberships } from '../lib/billing/reconcile';
import { migrateToLatest, openDatabase } from '../lib/db/connect';

const db = openDatabase();
try {
  await migrateToLatest(db);
  const report = await reconcileMemberships(db, stripeReader());
  console.log(`billing:reconcile: ${report.checked} subscription(s) checked`);
  for (const change of report.changes) {
    console.log(`  changed user ${change.userId}: ${change.before} → ${change.after}`);
  }
  if (!report.changes.length) console.log('  no drift: every stored membership matches Stripe');
  for (const failure of report.errors) {
    console.error(`  ✗ ${failure.subscriptionId}: ${failure.error}`);
  }
  process.exitCode = report.errors.length ? 1 : 0;
} finally {
  await db.destroy();
}
