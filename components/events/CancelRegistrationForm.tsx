// Cancelling a registration, behind a confirmation that says what it costs: a plain <details>
// (opens without JavaScript) holding the form that posts to the events domain's cancel action,
// which checks the person again. Used on the event page, the club home and the account page.
import { cancelRegistrationAction } from '@/lib/events/actions';

export function CancelRegistrationForm({
  slug,
  title,
  status,
  position,
  full,
  from,
}: {
  slug: string;
  /** The event's title, so that each button on a list names its event. */
  title: string;
  status: 'going' | 'waiting';
  position: number | null;
  full: boolean;
  /** Where the answer is shown; the event page when absent. */
  from?: 'club' | 'account';
}) {
  const going = status === 'going';
  const consequence = going
    ? full
      ? 'This event is full: if you cancel, your place is given away at once to the first person on the waiting list, and you may not get another.'
      : 'Your place is freed for someone else. You can register again while places are left.'
    : `You leave the waiting list and lose your turn${position ? ` (number ${position})` : ''}. Joining again puts you at the end of the list.`;
  return (
    <details className="group" data-testid="cancel-registration">
      <summary className="btn-secondary cursor-pointer list-none [&::-webkit-details-marker]:hidden">
        {going ? 'Cancel my registration' : 'Leave the waiting list'}
        <span className="sr-only">: {title}</span>
      </summary>
      <form
        action={cancelRegistrationAction}
        className="mt-3 rounded-xl border border-amber-300 bg-amber-50 p-4 text-slate-900 dark:border-amber-800 dark:bg-amber-950/30 dark:text-slate-100"
      >
        <input type="hidden" name="slug" value={slug} />
        {from ? <input type="hidden" name="from" value={from} /> : null}
        <p data-testid="cancel-consequence">{consequence}</p>
        <button type="submit" className="btn-primary mt-3">
          {going ? 'Yes, give up my place' : 'Yes, leave the waiting list'}
          <span className="sr-only">: {title}</span>
        </button>
      </form>
    </details>
  );
}
