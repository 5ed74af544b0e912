import type { ReactNode } from 'react';

const TONES = {
  error:
    'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100',
  info: 'border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-700 dark:bg-sky-950/40 dark:text-sky-50',
} as const;

/** A boxed message inside a form: an error, or a step the person still has to take. */
export function Alert({
  tone = 'error',
  role,
  children,
}: {
  tone?: keyof typeof TONES;
  /** 'alert' when it appears in answer to what the person just did. */
  role?: 'alert';
  children: ReactNode;
}) {
  return (
    <div role={role} className={`rounded-lg border p-4 ${TONES[tone]}`}>
      {children}
    </div>
  );
}
