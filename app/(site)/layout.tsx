import type { ReactNode } from 'react';
import { SiteShell } from '@/components/SiteShell';
import { getViewer } from '@/lib/auth/viewer';

// Rendered per request for signed-in visitors; visitors without a session cookie are routed by
// next.config.js rewrites to the prerendered copies under app/reader (lib/platform/reader-pages.js).
export default async function SiteLayout({ children }: { children: ReactNode }) {
  return <SiteShell viewer={await getViewer()}>{children}</SiteShell>;
}
