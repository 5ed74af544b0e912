import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { SiteShell } from '@/components/SiteShell';
import { isEditionRenderRequest, membersEditionViewer } from '@/lib/content/editions';

// The members' edition of a guide (lib/content/editions.ts), rendered for a synthetic member with
// no identity: nothing here reads a cookie, a session or the query, so nothing of a visitor can
// reach the page every member is then given. Only the server's own request (its key) is answered;
// the editions route checks each member's access before handing the page out.
export const dynamic = 'force-dynamic';

export default async function MembersEditionLayout({ children }: { children: ReactNode }) {
  if (!isEditionRenderRequest(await headers())) notFound();
  return <SiteShell viewer={membersEditionViewer()}>{children}</SiteShell>;
}
