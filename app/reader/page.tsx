import { HomePage } from '@/components/pages/HomePage';
import { READER } from '@/lib/access';

export default function Page() {
  return <HomePage viewer={READER} />;
}
