// Building an Intl formatter costs far more than using one (it showed in the members' render
// profile: every date of a guide page built its own), so each set of options is built once.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options);
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', options);
    dateFormats.set(key, format);
  }
  return format;
}

/** "2026-11-26" → "26 November 2026". Calendar days are read in UTC so no zone shifts them. */
export function formatDay(day: string): string {
  return dateFormat({ day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${day.slice(0, 10)}T00:00:00Z`),
  );
}

/** An instant shown as a date, in the site's zone. */
export function formatDate(date: Date, timeZone = 'Europe/Paris'): string {
  return dateFormat({ day: 'numeric', month: 'long', year: 'numeric', timeZone }).format(date);
}

export function formatDateTime(iso: string, timeZone: string): string {
  return dateFormat({
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}

export function formatTime(iso: string, timeZone: string): string {
  return dateFormat({ hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}

export function formatMoney(amountInMinorUnits: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', {
    style: 'currency',
    currency: currency.toUpperCase(),
  }).format(amountInMinorUnits / 100);
}

/** "2026-11-26T12:34:56.000Z" → "2026-11-26 12:34 UTC": an unambiguous instant for staff e-mails. */
export function formatUtcTimestamp(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
