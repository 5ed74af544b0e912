'use server';

import { notFound, redirect } from 'next/navigation';
import { changeAssistanceStatus } from '@/lib/assistance/service';
import { assistanceStatusUpdate } from '@/lib/assistance/schema';
import { isStaff } from '@/lib/access';
import { getViewer } from '@/lib/auth/options';

/** Staff change an assistance request's status from the inbox (a plain form post). */
export async function updateAssistanceStatus(formData: FormData): Promise<void> {
  const viewer = await getViewer();
  if (viewer.kind === 'reader') redirect('/signin?callbackUrl=%2Fadmin');
  if (!isStaff(viewer)) notFound();
  const parsed = assistanceStatusUpdate.safeParse({
    id: formData.get('id'),
    status: formData.get('status'),
  });
  if (!parsed.success) redirect('/admin?notice=invalid');
  const result = await changeAssistanceStatus(viewer, parsed.data);
  if (result !== 'updated') redirect('/admin?notice=not-found');
  redirect(`/admin?notice=updated#request-${parsed.data.id}`);
}
