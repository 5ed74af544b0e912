import Link from 'next/link';
import type { PlannerFileStatus } from '@/lib/file/schema';
import type { Answers } from '@/lib/planner/rules';
import type { PlannerFile } from '@/lib/planner/schema';
import { PlannerForm } from '../planner/PlannerForm';

export function PlannerPage({
  file,
  answers,
  fileStatus,
}: {
  file: PlannerFile;
  answers: Partial<Answers>;
  /** What the viewer may do with the answer: save it to their file, join… (lib/file). */
  fileStatus?: PlannerFileStatus;
}) {
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <nav
        aria-label="Breadcrumb"
        className="text-sm text-slate-600 dark:text-slate-400 print:hidden"
      >
        <Link href="/guides" className="hover:text-brand-700 hover:underline">
          Guides
        </Link>
        <span aria-hidden="true"> / </span>
        <Link href="/guides/carte-vitale" className="hover:text-brand-700 hover:underline">
          Carte Vitale
        </Link>
        <span aria-hidden="true"> / </span>
        <span>Planner</span>
      </nav>
      <h1 className="mt-4 font-serif text-4xl font-bold leading-tight text-slate-900 md:text-5xl dark:text-slate-50">
        Your route to the Carte Vitale
      </h1>
      <p className="mt-4 text-xl text-slate-700 dark:text-slate-300">
        Whether and when you can join French health insurance, which form to send and where, your
        documents and your timeline, for your own situation.
      </p>
      <div className="mt-8">
        <PlannerForm file={file} initial={answers} fileStatus={fileStatus} />
      </div>
    </div>
  );
}
