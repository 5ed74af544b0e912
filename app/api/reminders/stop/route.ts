// The List-Unsubscribe link of the file reminders (RFC 8058). POST with `List-Unsubscribe=One-Click`
// turns them off (mail clients' one-click, and the button of /reminders/stop); GET only sends the
// person to that page, so a mail scanner following the link changes nothing.
import { getDb } from '@/lib/db';
import { stopRemindersFromEmail, STOP_BODY_MAX_BYTES, stopToken } from '@/lib/file/reminders-stop';
import { queryValue } from '@/lib/forms/query';
import { clientIp } from '@/lib/platform/rate-limit';
import { BodyTooLargeError, readTextCapped } from '@/lib/platform/request-body';

const PRIVATE = { 'Cache-Control': 'private, no-store' };
const text = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(`${body}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', ...PRIVATE, ...headers },
  });
/** A relative Location: the browser resolves it against the address it used, proxies and all. */
const seeOther = (path: string) =>
  new Response(null, { status: 303, headers: { Location: path, ...PRIVATE } });

const ANSWERS = {
  stopped: ['Reminders are off. Turn them back on with the switch on your file page.', 200],
  invalid: ['This link is not valid.', 400],
  expired: ['This link has expired. Turn reminders off with the switch on your file page.', 410],
  'not-one-click': ['Send List-Unsubscribe=One-Click to stop the reminders.', 400],
  limited: ['Too many requests from your network: please try again later.', 429],
} as const;

export async function POST(request: Request) {
  const url = new URL(request.url);
  let body: string;
  try {
    body = await readTextCapped(request, STOP_BODY_MAX_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return text('Request body too large.', 413);
    throw error;
  }
  const outcome = await stopRemindersFromEmail(
    {
      token: queryValue(url.searchParams.get('token') ?? undefined, 200),
      body,
      client: clientIp(request.headers),
    },
    { db: await getDb() },
  );
  if (outcome.fromPage) {
    return seeOther(
      outcome.kind === 'stopped'
        ? '/reminders/stop?done=1'
        : `/reminders/stop?error=${outcome.kind}`,
    );
  }
  const [message, status] = ANSWERS[outcome.kind];
  return text(message, status);
}

export function GET(request: Request) {
  const token = stopToken.safeParse(new URL(request.url).searchParams.get('token'));
  return seeOther(
    token.success
      ? `/reminders/stop?token=${encodeURIComponent(token.data)}`
      : '/reminders/stop?error=invalid',
  );
}
