import { PlannerPage } from '@/components/pages/PlannerPage';
import { getViewer } from '@/lib/auth/viewer';
import { plannerFileStatus } from '@/lib/file/service';
import { loadPlanner } from '@/lib/planner/load';
import { answersFromParams } from '@/lib/planner/rules';
import { pageMetadata } from '@/lib/platform/seo';

// Rendered per request for everyone (no reader copy under app/reader): the answer depends on the
// query string, and a prerendered copy would drop it. It holds no members' text for any viewer.
export const metadata = pageMetadata({
  title: 'Your route to the Carte Vitale',
  description:
    'Answer five questions and see your own route to French health insurance and the Carte Vitale: whether you can join, the form, your documents and your timeline.',
  path: '/guides/carte-vitale/planner',
});

export default async function Page({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const file = loadPlanner();
  return (
    <PlannerPage
      file={file}
      answers={answersFromParams(file, await searchParams)}
      fileStatus={await plannerFileStatus(await getViewer())}
    />
  );
}
