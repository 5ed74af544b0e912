import { NotFoundPage } from '@/components/pages/NotFoundPage';
import { SiteShell } from '@/components/SiteShell';
import { getViewer } from '@/lib/auth/viewer';

// Addresses no route matches: outside every layout, so this one draws the shell, for the viewer
// it is (a signed-in visitor keeps their account link). A notFound() inside (site), reader or
// admin is caught by that segment's own not-found.tsx, inside its layout's shell: one header.
export default async function NotFound() {
  return (
    <SiteShell viewer={await getViewer()}>
      <NotFoundPage />
    </SiteShell>
  );
}
