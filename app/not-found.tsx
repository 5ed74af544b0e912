import { NotFoundPage } from '@/components/pages/NotFoundPage';
import { SiteShell } from '@/components/SiteShell';
import { READER } from '@/lib/access';

// Next's last resort, outside every layout, so it draws the shell itself. It must stay static: it
// is part of every page's tree, so a session lookup here would run on every request and break the
// prerendered reader copies. Addresses no route matches are caught by app/(site)/[...missing]
// instead, so a signed-in visitor's 404 comes with their own header (app/(site)/not-found.tsx).
export default function NotFound() {
  return (
    <SiteShell viewer={READER}>
      <NotFoundPage />
    </SiteShell>
  );
}
