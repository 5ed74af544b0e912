import { notFound, redirect } from 'next/navigation';
import { AdminInboxView } from '@/components/views/AdminInboxView';
import { isStaff } from '@/lib/access';
import { assistanceInbox } from '@/lib/assistance/service';
import { getViewer } from '@/lib/auth/options';
import { contactInbox } from '@/lib/contact/submit';

const NOTICES: Record<string, string> = {
  updated: 'Status updated.',
  invalid: 'That status change was not valid. Choose a status from the list.',
  'not-found': 'That request no longer exists.',
};

type SearchParams = Promise<{ notice?: string | string[] }>;

export default async function AdminPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await getViewer();
  if (viewer.kind === 'reader') redirect('/signin?callbackUrl=%2Fadmin');
  // Not staff: the inbox does not exist for them.
  if (!isStaff(viewer)) notFound();
  const [requests, quotes] = await Promise.all([assistanceInbox(viewer), contactInbox(viewer)]);
  const { notice } = await searchParams;
  const noticeText = typeof notice === 'string' ? NOTICES[notice] : undefined;
  return (
    <AdminInboxView assistance={requests ?? []} quotes={quotes ?? []} notice={noticeText ?? null} />
  );
}
