import { partirAssurMetadata } from '@/app/_pages/partners';
import { PartirAssurView } from '@/components/views/PartirAssurView';

export const metadata = partirAssurMetadata;

// Nothing on this page depends on the viewer; the (site) layout renders the signed-in header.
export default function Page() {
  return <PartirAssurView />;
}
