import { partirAssurMetadata } from '@/app/_pages/partners';
import { PartirAssurView } from '@/components/views/PartirAssurView';

export const metadata = partirAssurMetadata;

export default function Page() {
  return <PartirAssurView />;
}
