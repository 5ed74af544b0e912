import { HomePage } from '@/app/_pages/guides';
import { READER } from '@/lib/access';

export default function Page() {
  return <HomePage viewer={READER} />;
}
