import { PartirAssurPage, partirAssurMetadata } from '@/components/pages/PartirAssurPage';
import { READER } from '@/lib/access';

export const metadata = partirAssurMetadata;

export default function Page() {
  return <PartirAssurPage viewer={READER} />;
}
