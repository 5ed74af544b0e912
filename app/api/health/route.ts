// For balancers and orchestrators: 200 when the database answers and is fully migrated, else 503.
// Never cached by anyone.
import { sharedConnection } from '@/lib/db/connect';
import { databaseHealth, isHealthy } from '@/lib/db/health';
import { isDraining } from '@/lib/platform/shutdown';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'no-store, max-age=0' };

export async function GET() {
  if (isDraining()) {
    return Response.json({ status: 'draining' }, { status: 503, headers: NO_STORE });
  }
  const health = await databaseHealth(sharedConnection().db);
  return Response.json(health, { status: isHealthy(health) ? 200 : 503, headers: NO_STORE });
}
