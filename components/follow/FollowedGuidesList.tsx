// The followed guides, each with a one-click Unfollow (a plain HTML form): on /account (the session
// is the proof) and on /follow/manage (the signed link is the proof). The callers say where to post.
import Link from 'next/link';
import { followableGuide, followLabel } from '@/lib/follow/guides';
import { ALL_GUIDES } from '@/lib/follow/schema';

interface Props {
  guides: readonly string[];
  /** Where each Unfollow posts, and the hidden fields that go with the guide's slug. */
  action: string;
  fields: Record<string, string>;
  className?: string;
  label?: string;
}

export function FollowedGuidesList({ guides, action, fields, className, label }: Props) {
  return (
    <ul
      className={`divide-y divide-slate-200 dark:divide-slate-800 ${className ?? ''}`}
      aria-label={label}
    >
      {guides.map((guide) => {
        const found = guide === ALL_GUIDES ? undefined : followableGuide(guide);
        const guideLabel = followLabel(guide);
        return (
          <li key={guide} className="flex flex-wrap items-center justify-between gap-3 py-3">
            {found ? (
              <Link href={found.url} className="underline">
                {guideLabel}
              </Link>
            ) : (
              <span>{guideLabel}</span>
            )}
            <form method="post" action={action}>
              <input type="hidden" name="guide" value={guide} />
              {Object.entries(fields).map(([name, value]) => (
                <input key={name} type="hidden" name={name} value={value} />
              ))}
              <button type="submit" className="btn-secondary" aria-label={`Unfollow ${guideLabel}`}>
                Unfollow
              </button>
            </form>
          </li>
        );
      })}
    </ul>
  );
}
