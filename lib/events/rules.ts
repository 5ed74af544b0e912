// Registration rules an event page shows, and how it says how many places are left: the same words
// on the per-viewer page (counted as it renders) and on the reader page (counted by the browser's
// request, with its time). Client-safe: no I/O.

/** Registration is open until the event starts (lib/events/service refuses later ones). */
export function registrationIsOpen(event: { startsAt: string }, now: Date = new Date()): boolean {
  return Date.parse(event.startsAt) > now.getTime();
}

const places = (n: number) => `${n} place${n === 1 ? '' : 's'}`;

/** Before a count is known (a reader page without JavaScript): the total. */
export function placesInAllText(capacity: number): string {
  return `${places(capacity)} in all.`;
}

/** "3 of 30 places left." / "All 2 places are taken: …"; with `at`, the time of the count. */
export function placesLeftText(left: number, capacity: number, at?: string): string {
  const when = at ? ` (at ${at}, Paris time)` : '';
  if (left > 0) return `${left} of ${places(capacity)} left${when}.`;
  const taken = capacity === 1 ? 'The one place is taken' : `All ${capacity} places are taken`;
  return `${taken}${when}: members can join the waiting list.`;
}
