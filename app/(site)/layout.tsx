import type { ReactNode } from 'react';
import { SiteShell } from '@/components/SiteShell';
import { getViewer } from '@/lib/auth/viewer';

// Rendered per request for signed-in visitors; visitors without a session cookie are routed by
// proxy.ts to the prerendered copies under app/reader.
export default async function SiteLayout({ children }: { children: ReactNode }) {
  return <SiteShell viewer={await getViewer()}>{children}</SiteShell>;
}
