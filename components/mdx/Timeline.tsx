import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';

export interface StepProps {
  title: string;
  /** When this step happens, in words: "Day one", "Up to 9 months". */
  when?: string;
  children?: ReactNode;
  /** Set by <Timeline>; staff do not write it. */
  index?: number;
}

/** One stage of a <Timeline>. Server component; plain HTML, so it reads and prints without JS. */
export function Step({ title, when, children, index = 0 }: StepProps) {
  return (
    <li className="relative pb-6 pl-12 last:pb-0 print:break-inside-avoid">
      <span
        aria-hidden="true"
        className="absolute left-0 top-0 flex h-8 w-8 items-center justify-center rounded-full border-2 border-brand-700 bg-white text-sm font-bold text-brand-800 dark:border-brand-100 dark:bg-slate-950 dark:text-brand-100"
      >
        {index + 1}
      </span>
      <p className="m-0 font-semibold text-slate-900 dark:text-slate-50">
        <span className="sr-only">Step {index + 1}: </span>
        {title}
      </p>
      {when ? (
        <p className="m-0 text-sm font-medium text-brand-800 dark:text-brand-100">{when}</p>
      ) : null}
      {children ? <div className="mt-1 text-slate-700 dark:text-slate-300">{children}</div> : null}
    </li>
  );
}

/**
 * A route at a glance, for MDX:
 *   <Timeline label="From application to card">
 *   <Step title="Apply" when="Day one">What happens.</Step>
 *   </Timeline>
 * An ordered list with its steps numbered, so screen readers announce "list, 5 items".
 */
export function Timeline({ label, children }: { label: string; children?: ReactNode }) {
  const steps = Children.toArray(children).filter(isValidElement) as ReactElement<StepProps>[];
  return (
    <div className="not-prose my-8 rounded-2xl border border-slate-200 p-6 dark:border-slate-700 print:border-slate-400">
      <p className="mb-4 font-serif text-lg font-bold text-slate-900 dark:text-slate-50">{label}</p>
      <ol
        aria-label={label}
        className="relative m-0 list-none p-0 before:absolute before:bottom-4 before:left-4 before:top-4 before:w-0.5 before:-translate-x-1/2 before:bg-slate-300 dark:before:bg-slate-600"
      >
        {steps.map((step, index) => cloneElement(step, { index, key: index }))}
      </ol>
    </div>
  );
}
