import { PartirAssurPage, partirAssurMetadata } from '@/components/pages/PartirAssurPage';
import { getViewer } from '@/lib/auth/viewer';

export const metadata = partirAssurMetadata;

export default async function Page() {
  return <PartirAssurPage viewer={await getViewer()} />;
}
