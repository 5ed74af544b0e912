import type { ReactNode } from 'react';
import { SiteShell } from '@/components/SiteShell';
import { READER } from '@/lib/access';

// Prerendered pages for visitors without a session (next.config.js rewrites them here). Built for
// the reader viewer only, so they can hold no members' text.
export const dynamic = 'error';

export default function ReaderLayout({ children }: { children: ReactNode }) {
  return <SiteShell viewer={READER}>{children}</SiteShell>;
}
