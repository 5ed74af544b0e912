// E-mail address checks shared by the sign-in form (in the browser) and the server.
import * as z from './zod';

export const emailAddress = z
  .string()
  .trim()
  .min(1, 'Enter your e-mail address.')
  .max(254, 'That e-mail address is too long.')
  .pipe(z.email('Check your e-mail address: it should look like name@example.com.'));

const COMMON_DOMAINS = [
  'gmail.com',
  'hotmail.com',
  'hotmail.fr',
  'outlook.com',
  'outlook.fr',
  'yahoo.com',
  'yahoo.fr',
  'icloud.com',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'sfr.fr',
  'wanadoo.fr',
  'protonmail.com',
  'proton.me',
  'live.com',
  'gmx.de',
  'web.de',
];

// Real providers a letter or two away from a listed domain: not typos.
const REAL_LOOKALIKES = ['mail.com', 'email.com', 'ymail.com', 'gmx.com', 'gmx.net'];

/** hotmail.de, yahoo.it, gmx.fr: the same provider in another country, not a typo of ours. */
function isCountryVariant(domain: string, candidate: string): boolean {
  const split = (value: string) => [value.slice(0, value.lastIndexOf('.')), value.split('.').pop()];
  const [name, tld] = split(domain);
  const [candidateName, candidateTld] = split(candidate);
  return name === candidateName && tld?.length === 2 && candidateTld?.length === 2;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(
        (row[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        previous + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

/** "name@gmial.com" → "name@gmail.com": a likely typo in a well-known domain, or null. */
export function suggestEmailCorrection(address: string): string | null {
  const [local, domain] = address.trim().toLowerCase().split('@');
  if (!local || !domain || COMMON_DOMAINS.includes(domain) || REAL_LOOKALIKES.includes(domain)) {
    return null;
  }
  const closest = COMMON_DOMAINS.map((candidate) => ({
    candidate,
    distance: editDistance(domain, candidate),
  }))
    .filter(
      ({ candidate, distance }) =>
        distance > 0 && distance <= 2 && !isCountryVariant(domain, candidate),
    )
    .sort((a, b) => a.distance - b.distance)[0];
  return closest ? `${local}@${closest.candidate}` : null;
}
