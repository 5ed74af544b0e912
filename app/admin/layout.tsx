import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SiteShell } from '@/components/SiteShell';
import { getViewer } from '@/lib/auth/viewer';

export const metadata: Metadata = { title: 'Staff inbox', robots: { index: false } };

// The staff area. Who may see it is decided by each page and action (lib/access), not here.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  return <SiteShell viewer={await getViewer()}>{children}</SiteShell>;
}
