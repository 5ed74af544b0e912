import { GuidesPage, guidesMetadata } from '@/components/pages/GuidesPage';
import { READER } from '@/lib/access';

export const metadata = guidesMetadata;

export default function Page() {
  return <GuidesPage viewer={READER} />;
}
