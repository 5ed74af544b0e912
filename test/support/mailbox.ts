// Reads the messages the SMTP capture received (real e-mails sent by the app under test).
import { expect, type APIRequestContext } from '@playwright/test';
import { uniqueEmail } from './people';
import type { CapturedMail } from './smtp-capture';
import { MAILBOX_URL } from './ports';

export async function mailFor(address: string): Promise<CapturedMail[]> {
  const response = await fetch(
    `${MAILBOX_URL}/messages?to=${encodeURIComponent(address.toLowerCase())}`,
  );
  return (await response.json()) as CapturedMail[];
}

/** Waits for the newest message to `address` whose subject matches, and returns it. */
export async function waitForMail(
  address: string,
  {
    subject,
    count = 1,
    timeout = 15_000,
  }: { subject?: RegExp; count?: number; timeout?: number } = {},
): Promise<CapturedMail> {
  let found: CapturedMail[] = [];
  await expect
    .poll(
      async () => {
        found = (await mailFor(address)).filter((mail) => !subject || subject.test(mail.subject));
        return found.length;
      },
      { timeout, message: `e-mail to ${address}${subject ? ` matching ${subject}` : ''}` },
    )
    .toBeGreaterThanOrEqual(count);
  return found[found.length - 1] as CapturedMail;
}

/** The first link in a message's text part that starts with `prefix`. */
export function linkIn(mail: CapturedMail, prefix: string): string {
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((url) => url.includes(prefix));
  if (!link) throw new Error(`No link containing ${prefix} in "${mail.subject}":\n${mail.text}`);
  return link;
}

/**
 * "No mail arrived" without a fixed sleep: asks the app for a sign-in link to a fresh address and
 * waits until that marker message is in the mailbox. The app hands its mail to the one SMTP
 * transport in order, so whatever it was going to send before has arrived by then.
 */
export async function waitForMarkerMail(request: APIRequestContext): Promise<void> {
  const marker = uniqueEmail('marker');
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as {
    csrfToken: string;
  };
  const response = await request.post('/api/auth/signin/email', {
    form: { csrfToken, email: marker, callbackUrl: '/' },
    maxRedirects: 0,
  });
  expect(response.status(), 'the marker sign-in request').toBeLessThan(400);
  await waitForMail(marker, { subject: /sign-in link/i });
}
