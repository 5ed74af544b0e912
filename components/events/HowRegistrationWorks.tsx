// "How registration works", on every upcoming event's page, for everyone: who may register, the
// places and the waiting list, the e-mail, cancelling. And how many places are left: counted as
// the page renders for a signed-in viewer (their page is rendered per request anyway); on the
// readers' prerendered copy, which must stay one static file for all (ARCHITECTURE rule 4), the
// browser asks for the count (data-places-live: lib/enhance/page-enhancements.ts) and shows the time
// it was taken.
import type { Viewer } from '@/lib/access';
import type { EventSummary } from '@/lib/content';
import { placesInAllText, placesLeftText } from '@/lib/events/rules';
import { placesOf } from '@/lib/events/service';

export async function HowRegistrationWorks({
  event,
  viewer,
}: {
  event: Pick<EventSummary, 'slug' | 'capacity'>;
  viewer: Viewer;
}) {
  const { capacity } = event;
  let placesLeft = null;
  if (capacity !== null) {
    if (viewer.kind === 'reader') {
      placesLeft = (
        <span
          aria-live="polite"
          data-testid="places-left"
          data-places-live={event.slug}
          data-capacity={capacity}
        >
          {placesInAllText(capacity)}
        </span>
      );
    } else {
      const { left } = await placesOf(event);
      placesLeft = <span data-testid="places-left">{placesLeftText(left ?? 0, capacity)}</span>;
    }
  }
  return (
    <section
      id="how-registration-works"
      aria-labelledby="how-registration-works-title"
      className="mt-8 rounded-2xl bg-slate-50 p-6 dark:bg-slate-900"
    >
      <h2 id="how-registration-works-title" className="font-serif text-xl font-bold">
        How registration works
      </h2>
      {placesLeft ? <p className="mt-2 font-semibold">{placesLeft}</p> : null}
      <ul className="mt-3 list-disc space-y-1 pl-5 text-slate-700 dark:text-slate-300">
        <li>Registering is for Sojoourn Club members: sign in, then register on this page.</li>
        {capacity === null ? (
          <li>There is no limit on places.</li>
        ) : (
          <li>
            When {capacity === 1 ? 'the one place is' : `all ${capacity} places are`} taken, members
            can join the waiting list. If someone cancels, the first person waiting gets the place
            at once and is told by e-mail.
          </li>
        )}
        <li>
          You get an e-mail with the date, the place and a calendar file (or, on the waiting list,
          your turn).
        </li>
        <li>
          You can cancel until the event starts, here or from your club home. When the event is
          full, your place then goes to the next person waiting.
        </li>
      </ul>
    </section>
  );
}
