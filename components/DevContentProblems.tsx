// Development only: what is wrong with the content (a broken MDX file or frontmatter), above the
// page, so a person editing a guide sees it in the browser and not only in the terminal.
import { devContentProblems } from '@/lib/content/dev-problems';

export function DevContentProblems() {
  const problems = devContentProblems();
  if (!problems.length) return null;
  return (
    <div
      role="alert"
      className="border-b-4 border-red-600 bg-red-50 px-4 py-3 text-sm text-red-950"
      data-testid="dev-content-problems"
    >
      <p className="font-semibold">
        Content problem{problems.length === 1 ? '' : 's'} (development only): until a file is fixed,
        the site shows its last version that built (a new file stays out).
      </p>
      <ul className="mt-1 list-disc pl-5 font-mono">
        {problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </div>
  );
}
