import { HomePage } from '@/components/pages/HomePage';
import { getViewer } from '@/lib/auth/viewer';

export default async function Page() {
  return <HomePage viewer={await getViewer()} />;
}
