// Reads the messages the SMTP capture received (real e-mails sent by the app under test).
import { expect } from '@playwright/test';
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
