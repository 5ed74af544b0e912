// The desk's figures: members by state, and partner referral clicks per week.
import type { StaffFigures } from '@/lib/billing/report';
import { formatDay, formatTime } from '@/lib/platform/format';

export function StaffFiguresSection({ figures }: { figures: StaffFigures }) {
  return (
    <section aria-labelledby="figures-title" className="mt-10">
      <h2 id="figures-title" className="font-serif text-2xl font-bold">
        Members and referrals
      </h2>
      <dl className="mt-4 grid gap-4 sm:grid-cols-3" data-testid="member-counts">
        {(
          [
            ['Active members', figures.members.active],
            ['Cancelling at period end', figures.members.cancelling],
            ['Payment past due', figures.members.pastDue],
          ] as const
        ).map(([label, value]) => (
          <div
            key={label}
            className="rounded-2xl border border-slate-200 p-4 dark:border-slate-800"
          >
            <dt className="text-sm text-slate-600 dark:text-slate-400">{label}</dt>
            <dd className="text-3xl font-bold">{value}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400" data-testid="members-counted">
        {'Counted at '}
        <time dateTime={figures.membersCountedAt}>
          {formatTime(figures.membersCountedAt, 'Europe/Paris')}
        </time>
        {' (Paris time), again a minute later at the soonest.'}
      </p>
      <table className="mt-6 w-full text-left text-sm" data-testid="referral-clicks">
        <caption className="text-left font-semibold">
          PartirAssur referral clicks per week (weeks start on Monday)
        </caption>
        <thead>
          <tr>
            <th scope="col" className="py-1">
              Week of
            </th>
            <th scope="col" className="py-1">
              Clicks
            </th>
          </tr>
        </thead>
        <tbody>
          {figures.referralClicks.map((week) => (
            <tr key={week.weekOf} className="border-t border-slate-200 dark:border-slate-800">
              <td className="py-1">
                <time dateTime={week.weekOf}>{formatDay(week.weekOf)}</time>
              </td>
              <td className="py-1">{week.clicks}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
