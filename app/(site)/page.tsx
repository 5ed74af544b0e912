import { HomePage } from '@/app/_pages/guides';
import { getViewer } from '@/lib/auth';

export default async function Page() {
  return <HomePage viewer={await getViewer()} />;
}
