import { exportAccountData } from '@/lib/account/service';
import { getViewer } from '@/lib/auth/viewer';

const PRIVATE = { 'Cache-Control': 'private, no-store' };

/** "Download your data": everything stored about the signed-in person, as a JSON file. */
export async function GET() {
  const data = await exportAccountData(await getViewer());
  if (!data) {
    return new Response('Sign in to download your data.\n', {
      status: 401,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', ...PRIVATE },
    });
  }
  const day = data.exportedAt.slice(0, 10);
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="sojoourn-data-${day}.json"`,
      ...PRIVATE,
    },
  });
}
