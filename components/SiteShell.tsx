import type { ReactNode } from 'react';
import { audienceOf, type Viewer } from '@/lib/access';
import { AUDIENCE_ATTRIBUTE } from '@/lib/content/editions';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';

export function SiteShell({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <SiteHeader viewer={viewer} />
      {/* Whom the page was rendered for: lib/content/editions.ts keeps a page as the members'
          edition only when it says "member". Nothing personal goes into the shell (the header
          says "Account", not the address), so that edition fits every member. */}
      <main id="main" className="flex-1" {...{ [AUDIENCE_ATTRIBUTE]: audienceOf(viewer) }}>
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}
